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
import java.util.Set;

/**
 * The {@code Phone_ActionURL} API of Hanlong UC8xx, Htek UC9xx and Sangoma S-series phones (one
 * firmware family; vendors.md §4.1: "Action URI (same API as Htek/Hanlong)"): everything Hookline
 * knows about driving them. Sources: seed 003 (Hanlong UC860 note), vendors.md §4.1 and §5.
 *
 * <p>Seed 003: "http://admin:password@IP_Address/Phone_ActionURL&Command=%command%&Number=%number%&Account=%account%",
 * "Command=1 means dial out; Command=2 means hang up", and for keys
 * "Phone_ActionURL&Command=%command%&key=%key_vaule%" with "Command=3 means the other actions".
 * The path goes on with {@code &}, not {@code ?}. Credentials: HTTP Basic (vendors.md §5).
 */
public final class HanlongDriver implements PhoneDriver {

    private static final String PATH = "/Phone_ActionURL";
    /** '#' would end the URL, so numbers send it as %23; '*' goes raw as in seed 003's "0-9 * POUND". */
    private static final String RAW_IN_NUMBER = "*";
    /**
     * Seed 003: "account=1, it match the account 1; ... account=4, it match the account4; if ...
     * not match the value above, it will choose an avalible account automatically". Larger
     * numbers are refused rather than let the phone pick another account. [UNCERTAIN] for Sangoma
     * models with more than four accounts.
     */
    static final int MAX_ACCOUNT = 4;

    /**
     * Seed 003's key list ("the current support key"), with vendors.md §4.1's Sangoma additions
     * (CANCEL, L1-L45). Reboot, AutoP, DNDOn and DNDOff are actions with their own commands.
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
    public Set<String> vendors() {
        // The processor reports Htek phones as "hanlong" (its vendor file); "htek" is kept for a
        // registry fed from elsewhere.
        return Set.of("hanlong", "htek", "sangoma");
    }

    @Override
    public Translation translate(PhoneCommand command, PhoneTarget target, Optional<Credentials> credentials) {
        try {
            return switch (command.getAction()) {
                case DIAL -> send(dial(command), credentials);
                case HANGUP -> send("&Command=2", credentials);
                // Seed 003: "To answer the call: key=OK/key=ENTER".
                case ANSWER -> key("OK", credentials);
                case SEND_KEYS -> sendKeys(command, credentials);
                // Seed 003: "To enable DND: key=DNDOn", "To disable DND: key=DNDOff".
                case DND_ON -> key("DNDOn", credentials);
                case DND_OFF -> key("DNDOff", credentials);
                // Seed 003: "To hold the call: key=F_HOLD"; pressed again to resume [UNCERTAIN].
                case HOLD, UNHOLD -> key("F_HOLD", credentials);
                case TRANSFER -> new Translation.Unsupported("Hanlong/Htek/Sangoma document no transfer to a number"
                        + " (F_TRANSFER only presses the transfer key)");
                // Seed 003: "To reboot the phone: key=Reboot".
                case REBOOT -> key("Reboot", credentials);
                case POLL_STATUS -> new Translation.Unsupported("Hanlong/Htek/Sangoma document no status query");
            };
        } catch (InvalidCommandException e) {
            return new Translation.Invalid(e.getMessage());
        }
    }

    /** Seed 003: "http://admin:admin@192.168.0.124/Phone_ActionURL&Command=1&Number=206&Account=1". */
    private static String dial(PhoneCommand command) {
        String number = PercentEncoding.encode(DialNumber.require(command), RAW_IN_NUMBER);
        OptionalInt account = CommandAccount.line(command, MAX_ACCOUNT);
        return "&Command=1&Number=" + number + (account.isPresent() ? "&Account=" + account.getAsInt() : "");
    }

    /** One key a request: seed 003 shows no way to chain keys. */
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

    /** vendors.md §4.1: 'Response: "200 OK"'. Nothing documents a redirect. */
    @Override
    public PhoneAnswer interpret(PhoneCommand command, int httpStatus, String body) {
        return HttpAnswers.read(httpStatus, false);
    }
}
