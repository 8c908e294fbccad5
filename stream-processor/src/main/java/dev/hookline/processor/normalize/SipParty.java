package dev.hookline.processor.normalize;

/**
 * One party of a call as phones write it: {@code sip:1001@pbx}, {@code sips:}, {@code tel:},
 * {@code <sip:...>}, {@code "Display" <sip:...;params>}, a bare number or {@code +E.164}. Parts that
 * are empty or unsubstituted ({@code $remote}) are null.
 */
record SipParty(String user, String host, String displayName) {

    static final SipParty NONE = new SipParty(null, null, null);

    /** URI schemes a party may carry, in lower case; {@code sips:} before {@code sip:}. */
    private static final String[] SCHEMES = {"sips:", "sip:", "tel:"};

    boolean isEmpty() {
        return user == null && host == null && displayName == null;
    }

    /** {@code user@host}, {@code user}, or null. */
    String account() {
        if (user == null) {
            return null;
        }
        return host == null ? user : user + "@" + host;
    }

    static SipParty parse(String value) {
        String v = Values.clean(value);
        if (v == null) {
            return NONE;
        }
        String display = null;
        String uri = v;
        int lt = v.indexOf('<');
        int gt = lt < 0 ? -1 : v.indexOf('>', lt + 1);
        if (lt >= 0) {
            display = unquote(v.substring(0, lt));
            uri = gt < 0 ? v.substring(lt + 1) : v.substring(lt + 1, gt);
        } else if (v.startsWith("\"")) {
            int close = v.indexOf('"', 1);
            if (close > 0) {
                display = unquote(v.substring(0, close + 1));
                uri = v.substring(close + 1);
            }
        }
        uri = uri.trim();
        for (String scheme : SCHEMES) {
            if (Values.startsWithIgnoreCase(uri, scheme)) {
                uri = uri.substring(scheme.length());
                break;
            }
        }
        int semi = indexOfParameters(uri);
        if (semi >= 0) {
            uri = uri.substring(0, semi);
        }
        String user;
        String host;
        int at = uri.indexOf('@');
        if (at >= 0) {
            user = uri.substring(0, at);
            host = uri.substring(at + 1);
        } else {
            user = uri;
            host = null;
        }
        // user;phone-context=... style params inside the user part
        int userSemi = user.indexOf(';');
        if (userSemi >= 0) {
            user = user.substring(0, userSemi);
        }
        return new SipParty(Values.clean(user), Values.clean(host), Values.clean(display));
    }

    /** A display name as sent: raw spaces or %20 (already decoded), optional quotes. */
    static String displayName(String value) {
        String v = Values.clean(value);
        return v == null ? null : Values.clean(unquote(v));
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        return t;
    }

    /** Where the URI's parameters or headers start ({@code ;} or {@code ?}), or -1. */
    private static int indexOfParameters(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == ';' || c == '?') {
                return i;
            }
        }
        return -1;
    }
}
