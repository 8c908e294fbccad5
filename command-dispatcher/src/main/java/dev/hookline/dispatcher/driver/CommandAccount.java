package dev.hookline.dispatcher.driver;

import dev.hookline.schema.PhoneCommand;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The account a DIAL goes out from. Vendors select it in one of two ways: by a line number
 * ({@code Account=2} on Hanlong, {@code DialLine:2:...} on Aastra) or by the account's SIP
 * identity ({@code outgoing_uri=1006@10.3.5.199} on Yealink and Snom). The driver asks for the
 * form its phones take; an account in the other form is {@link InvalidCommandException invalid}.
 * A blank account means "the phone's default account".
 */
public final class CommandAccount {

    private static final Pattern LINE = Pattern.compile("[1-9][0-9]?");
    /** {@code user@host[:port]}: user of word characters, '.', '-' and an optional leading '+'; host a DNS name or IPv4. */
    private static final Pattern IDENTITY = Pattern.compile(
            "\\+?[A-Za-z0-9._-]{1,32}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,62})(?::[0-9]{1,5})?");

    private CommandAccount() {
    }

    /** The account as a line number from 1 to {@code maxLine}, or empty when the command names none. */
    public static OptionalInt line(PhoneCommand command, int maxLine) {
        String account = command.getAccount();
        if (account == null || account.isBlank()) {
            return OptionalInt.empty();
        }
        if (!LINE.matcher(account).matches() || Integer.parseInt(account) > maxLine) {
            throw new InvalidCommandException("account must be a line number from 1 to " + maxLine + " for this phone");
        }
        return OptionalInt.of(Integer.parseInt(account));
    }

    /** The account as a SIP identity {@code user@host}, or empty when the command names none. */
    public static Optional<String> sipIdentity(PhoneCommand command) {
        String account = command.getAccount();
        if (account == null || account.isBlank()) {
            return Optional.empty();
        }
        if (LINE.matcher(account).matches()) {
            throw new InvalidCommandException("this phone selects the calling account by its SIP identity"
                    + " (user@host, e.g. 1006@10.3.5.199), not by a line number");
        }
        if (!IDENTITY.matcher(account).matches()) {
            throw new InvalidCommandException("account must be a SIP identity user@host (letters, digits, '.', '-', '_')");
        }
        return Optional.of(account);
    }
}
