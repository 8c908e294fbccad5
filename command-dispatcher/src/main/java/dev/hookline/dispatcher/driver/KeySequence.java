package dev.hookline.dispatcher.driver;

import dev.hookline.schema.PhoneCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The keys of a SEND_KEYS command, split into key names before a {@link KeyTable} maps them to
 * one vendor's names.
 *
 * <p>Format of {@code PhoneCommand.keys}: names separated by commas, semicolons or spaces (no other white space), case
 * ignored; a run of dial-pad characters is one key per character ({@code "L1,1234#,OK"} is
 * L1, 1, 2, 3, 4, #, OK). The vendor-neutral names every driver understands where its phones
 * have the key: {@code 0-9 * # OK ENTER CANCEL UP DOWN LEFT RIGHT VOLUME_UP VOLUME_DOWN MUTE
 * SPEAKER HEADSET HOLD TRANSFER CONFERENCE REDIAL MESSAGES F1-F4 L1-Ln}; each driver also takes
 * its vendor's own names.
 */
public final class KeySequence {

    public static final int MAX_KEYS = 32;

    private static final Pattern SEPARATORS = Pattern.compile("[,; ]+");
    private static final Pattern DIAL_PAD_RUN = Pattern.compile("[0-9*#]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,19}");

    private KeySequence() {
    }

    /** The key names of the command, upper-case, in order; throws {@link InvalidCommandException} when absent or malformed. */
    public static List<String> parse(PhoneCommand command) {
        String keys = command.getKeys();
        if (keys == null || keys.isBlank()) {
            throw new InvalidCommandException("SEND_KEYS needs keys");
        }
        List<String> names = new ArrayList<>();
        for (String token : SEPARATORS.split(keys.strip())) {
            if (DIAL_PAD_RUN.matcher(token).matches()) {
                token.chars().forEach(c -> names.add(String.valueOf((char) c)));
            } else if (NAME.matcher(token).matches()) {
                names.add(token.toUpperCase(Locale.ROOT));
            } else {
                throw new InvalidCommandException("SEND_KEYS keys are names (letters, digits, _) or dial-pad"
                        + " characters 0-9 * #, separated by commas, semicolons or spaces");
            }
            if (names.size() > MAX_KEYS) {
                throw new InvalidCommandException("SEND_KEYS takes at most " + MAX_KEYS + " keys");
            }
        }
        return names;
    }
}
