package dev.hookline.processor.normalize;

import static dev.hookline.processor.normalize.Values.firstNonNull;

import dev.hookline.schema.Direction;

/**
 * Who an event is about: this phone's side (its account, user, host, display name), the far
 * side, and the line as {@code user@host}. A SIP URI field ({@code local}, {@code remote},
 * {@code account}) wins over the separate user and host fields, which fill what it leaves open.
 *
 * <p>A parameter listed both as the remote number and the remote display name (deployments use
 * {@code callerID} for either) is read as the number when its value is dialable and as the name
 * otherwise. The calling and called party ({@code callingParty}, {@code calledParty}) are the
 * remote or the local party by the call's direction; when the direction is not known they fill
 * nothing (they stay attributes), rather than guess.
 */
record Parties(String line, String localUser, String localHost, String localDisplayName,
               String remoteUser, String remoteHost, String remoteDisplayName) {

    /** @param direction the call's direction as far as the event says, or null */
    static Parties read(RequestFields fields, Direction direction) {
        SipParty local = SipParty.parse(fields.first("local"));
        SipParty remote = SipParty.parse(fields.first("remote"));
        SipParty account = SipParty.parse(notALineIndex(fields.first("account")));
        String accountUser = Values.clean(fields.first("accountUser"));
        String accountHost = Values.clean(fields.first("accountHost"));
        if (account.user() == null && accountUser != null) {
            SipParty a = SipParty.parse(accountUser);
            account = new SipParty(a.user(), a.host() != null ? a.host() : accountHost, null);
        }
        String calling = direction == null ? null : userOf(fields.first("callingParty"));
        String called = direction == null ? null : userOf(fields.first("calledParty"));
        String remoteByDirection = direction == Direction.INBOUND ? calling : direction == Direction.OUTBOUND ? called : null;
        String localByDirection = direction == Direction.INBOUND ? called : direction == Direction.OUTBOUND ? calling : null;

        String localUser = firstNonNull(local.user(), userOf(fields.first("localUser")), account.user(), localByDirection);
        String localHost = local.user() != null ? local.host()
                : firstNonNull(Values.clean(fields.first("localHost")), account.host());
        String localDisplay = firstNonNull(SipParty.displayName(fields.first("localDisplayName")), local.displayName());
        String remoteUser = firstNonNull(remote.user(),
                userOf(fields.first("remoteUser", "remoteDisplayName", Values::isDialable)), remoteByDirection);
        String remoteHost = remote.user() != null ? remote.host() : Values.clean(fields.first("remoteHost"));
        String remoteDisplay = firstNonNull(SipParty.displayName(
                fields.first("remoteDisplayName", "remoteUser", v -> !Values.isDialable(v))), remote.displayName());
        String line = firstNonNull(new SipParty(localUser, localHost, null).account(), account.account());
        return new Parties(line, localUser, localHost, localDisplay, remoteUser, remoteHost, remoteDisplay);
    }

    /**
     * A line key's index ({@code line=2}, as sites name the line a call is on) is no account:
     * it says nothing of who the phone's user is. One or two digits; extensions are longer, and
     * an account URI has a user and a host.
     */
    private static String notALineIndex(String v) {
        if (v == null) {
            return null;
        }
        String s = v.strip();
        boolean index = !s.isEmpty() && s.length() <= 2 && Character.isDigit(s.charAt(0))
                && Character.isDigit(s.charAt(s.length() - 1));
        return index ? null : v;
    }

    private static String userOf(String v) {
        return SipParty.parse(v).user();
    }
}
