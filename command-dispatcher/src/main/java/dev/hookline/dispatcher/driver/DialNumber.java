package dev.hookline.dispatcher.driver;

import dev.hookline.schema.PhoneCommand;
import java.util.regex.Pattern;

/**
 * The number of a DIAL or TRANSFER, checked before anything is sent.
 *
 * <p>Accepted: an optional leading {@code +}, then digits, {@code *} and {@code #}; at most
 * {@value #MAX_LENGTH} characters in all. SIP URIs ({@code user@host}) are refused on purpose:
 * a URI would let a command make the phone call a host of the command's choosing directly,
 * around the PBX's dial plan and call barring, and a command never chooses a network address
 * (the same rule that keeps the phone's own address out of {@link PhoneCommand}).
 */
public final class DialNumber {

    public static final int MAX_LENGTH = 32;

    private static final Pattern VALID = Pattern.compile("\\+?[0-9*#]+");

    private DialNumber() {
    }

    /** The command's number, validated; throws {@link InvalidCommandException} when absent or malformed. */
    public static String require(PhoneCommand command) {
        String number = command.getNumber();
        String action = command.getAction().name();
        if (number == null || number.isEmpty()) {
            throw new InvalidCommandException(action + " needs a number");
        }
        if (number.length() > MAX_LENGTH) {
            throw new InvalidCommandException(action + " number is longer than " + MAX_LENGTH + " characters");
        }
        if (!VALID.matcher(number).matches()) {
            throw new InvalidCommandException(action + " number may hold only digits, * and #, with an optional"
                    + " leading + (no spaces, letters or SIP URIs)");
        }
        return number;
    }
}
