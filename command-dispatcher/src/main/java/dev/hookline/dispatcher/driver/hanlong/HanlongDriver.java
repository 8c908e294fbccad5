package dev.hookline.dispatcher.driver.hanlong;

import dev.hookline.dispatcher.driver.AuthScheme;
import dev.hookline.dispatcher.driver.CommandAccount;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.DialNumber;
import dev.hookline.dispatcher.driver.HttpAnswers;
import dev.hookline.dispatcher.driver.InvalidCommandException;
import dev.hookline.dispatcher.driver.KeySequence;
import dev.hookline.dispatcher.driver.KeyTable;
import dev.hookline.dispatcher.driver.PercentEncoding;
import dev.hookline.dispatcher.driver.PhoneAnswer;
import dev.hookline.dispatcher.driver.PhoneDriver;
import dev.hookline.dispatcher.driver.PhoneRequests;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.driver.Translation;
import dev.hookline.schema.PhoneCommand;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@value #DIALECT} dialect: the {@code Phone_ActionURL} API of Hanlong UC8xx, Htek UC9xx and
 * Sangoma S-series phones (one firmware family; Sangoma's Action URI pages describe the same API
 * as Htek's and Hanlong's): everything Hookline knows about driving them. Sources: the Hanlong
 * UC860 Action URL note and the Sangoma wiki's S-series Action URI pages.
 *
 * <p>The Hanlong note gives {@code /Phone_ActionURL&Command=<c>&Number=<n>&Account=<a>}, where
 * Command=1 dials and Command=2 hangs up, and {@code /Phone_ActionURL&Command=3&key=<key>} for
 * every other action. The path goes on with {@code &}, not {@code ?}. Credentials: HTTP Basic
 * (user and password in the URL in the note's examples).
 */
public final class HanlongDriver implements PhoneDriver {

    /** The dialect's name, as descriptors name it in {@code actionUri.dialect}. */
    public static final String DIALECT = "hanlong";

    private static final String PATH = "/Phone_ActionURL";
    /** '#' would end the URL, so numbers send it as %23; '*' goes raw, as the note's keypad keys "0-9 * POUND" show. */
    private static final String RAW_IN_NUMBER = "*";
    /**
     * The Hanlong note maps Account=1 to 4 to accounts 1 to 4 and lets the phone pick an available
     * account for any other value. Larger numbers are refused rather than let the phone pick
     * another account. (assumed) for Sangoma models with more than four accounts.
     */
    static final int MAX_ACCOUNT = 4;

    /**
     * The Hanlong note's list of supported keys, with the Sangoma wiki's additions (CANCEL,
     * L1-L45). Reboot, AutoP, DNDOn and DNDOff are actions with their own commands.
     */
    static final KeyTable KEYS = KeyTable.builder("Hanlong/Htek/Sangoma")
            .key("0").key("1").key("2").key("3").key("4").key("5").key("6").key("7").key("8").key("9")
            .key("*")
            .key("POUND", "#")
            .key("OK")
            .key("ENTER")
            .key("CANCEL")
            .key("X")
            .key("UP").key("DOWN").key("LEFT").key("RIGHT")
            .key("VOLUME_UP").key("VOLUME_DOWN").key("MUTE").key("SPEAKER").key("HEADSET")
            .key("F_HOLD", "HOLD")
            .key("F_TRANSFER", "TRANSFER")
            .key("F_CONFERENCE", "CONFERENCE")
            .key("RD", "REDIAL")
            .key("MSG", "MESSAGES")
            .numbered("F", 1, 4, "F")
            .numbered("L", 1, 45, "L")
            .numbered("D", 1, 10, "D")
            .build();

    @Override
    public String dialect() {
        return DIALECT;
    }

    @Override
    public Translation translate(PhoneCommand command, PhoneTarget target, Optional<Credentials> credentials) {
        try {
            return switch (command.getAction()) {
                case DIAL -> send(dial(command), credentials);
                case HANGUP -> send("&Command=2", credentials);
                // The Hanlong note answers with key=OK or key=ENTER.
                case ANSWER -> key("OK", credentials);
                case SEND_KEYS -> sendKeys(command, credentials);
                // The Hanlong note: key=DNDOn and key=DNDOff switch DND.
                case DND_ON -> key("DNDOn", credentials);
                case DND_OFF -> key("DNDOff", credentials);
                // The Hanlong note holds with key=F_HOLD; pressed again to resume (assumed).
                case HOLD, UNHOLD -> key("F_HOLD", credentials);
                case TRANSFER -> new Translation.Unsupported("Hanlong/Htek/Sangoma document no transfer to a number"
                        + " (F_TRANSFER only presses the transfer key)");
                // The Hanlong note reboots with key=Reboot.
                case REBOOT -> key("Reboot", credentials);
                case POLL_STATUS -> new Translation.Unsupported("Hanlong/Htek/Sangoma document no status query");
            };
        } catch (InvalidCommandException e) {
            return new Translation.Invalid(e.getMessage());
        }
    }

    /** As the Hanlong note's example: {@code /Phone_ActionURL&Command=1&Number=206&Account=1}. */
    private static String dial(PhoneCommand command) {
        String number = PercentEncoding.encode(DialNumber.require(command), RAW_IN_NUMBER);
        OptionalInt account = CommandAccount.line(command, MAX_ACCOUNT);
        return "&Command=1&Number=" + number + (account.isPresent() ? "&Account=" + account.getAsInt() : "");
    }

    /** One key a request: the Hanlong note shows no way to chain keys. */
    private static Translation sendKeys(PhoneCommand command, Optional<Credentials> credentials) {
        List<String> keys = KEYS.translate(KeySequence.parse(command));
        if (keys.size() > 1) {
            return new Translation.Unsupported("Hanlong/Htek/Sangoma take one key per request; this command has "
                    + keys.size());
        }
        return key(keys.get(0), credentials);
    }

    private static Translation key(String vendorKey, Optional<Credentials> credentials) {
        return send("&Command=3&key=" + vendorKey, credentials);
    }

    private static Translation send(String parameters, Optional<Credentials> credentials) {
        return new Translation.Send(PhoneRequests.get(PATH + parameters, AuthScheme.BASIC, credentials));
    }

    /** The phones answer "200 OK" (Sangoma wiki). Nothing documents a redirect. */
    @Override
    public PhoneAnswer interpret(PhoneCommand command, int httpStatus, String body) {
        return HttpAnswers.read(httpStatus, false);
    }
}
