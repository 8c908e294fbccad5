package dev.hookline.dispatcher.driver.snom;

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
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@value #DIALECT} dialect: Snom's remote control ({@code command.htm}) for D3xx/D7xx and
 * older 3xx/7xx phones (the D8xx series does not take it): everything Hookline knows about
 * driving a Snom phone. Sources: the Snom wiki's remote-control pages, and third-party tools that
 * drive Snom phones this way.
 *
 * <p>Keys are {@code /command.htm?key=KEY[,pressMs[,pauseMs]][;KEY...]}, a dial is
 * {@code /command.htm?number=N&outgoing_uri=URI}. Credentials: HTTP Basic, or Digest when the
 * phone's http_scheme setting is on, hence {@link AuthScheme#BASIC_OR_DIGEST}.
 */
public final class SnomDriver implements PhoneDriver {

    /** The dialect's name, as descriptors name it in {@code actionUri.dialect}. */
    public static final String DIALECT = "snom";

    private static final String COMMAND = "/command.htm?";

    /**
     * The Snom wiki's key names. OK maps to ENTER (Snom has no OK key; ENTER is its confirm key);
     * L1.. is not mapped because Snom's line keys are freely programmable P keys. Number bounds
     * (P1-P48) are (assumed): the largest D7xx with expansion modules.
     */
    static final KeyTable KEYS = KeyTable.builder("Snom")
            .key("0").key("1").key("2").key("3").key("4").key("5").key("6").key("7").key("8").key("9")
            .key("*")
            .key("#", "POUND")
            .key("ENTER", "OK")
            .key("CANCEL")
            .key("UP").key("DOWN").key("LEFT").key("RIGHT")
            .key("VOLUME_UP").key("VOLUME_DOWN").key("MUTE").key("SPEAKER").key("HEADSET")
            .key("F_HOLD", "HOLD")
            .key("TRANSFER")
            .key("REDIAL")
            .key("DND")
            .key("MENU")
            .key("REC")
            .key("OFFHOOK").key("ONHOOK")
            .numbered("F", 1, 4, "F")
            .numbered("P", 1, 48, "P")
            .build();

    @Override
    public String dialect() {
        return DIALECT;
    }

    @Override
    public Translation translate(PhoneCommand command, PhoneTarget target, Optional<Credentials> credentials) {
        try {
            return switch (command.getAction()) {
                case DIAL -> send(COMMAND + dial(command), credentials);
                // Third-party tools found on real phones that ENTER answers (OFFHOOK and ANSWER did
                // nothing on a D862) and CANCEL hangs up. CANCEL ends the active call only, like
                // the other vendors' hang-up; ?RELEASE_ALL_CALLS would end every call on the phone.
                case HANGUP -> send(COMMAND + "key=CANCEL", credentials);
                case ANSWER -> send(COMMAND + "key=ENTER", credentials);
                case SEND_KEYS -> send(COMMAND + "key=" + KEYS.translate(KeySequence.parse(command)).stream()
                        .map(SnomDriver::encodeKey).collect(Collectors.joining(";")), credentials);
                // The DND key toggles, so DND is set through the web server's settings write
                // (dummy.htm?settings=save&<name>=<value>, Snom wiki). The setting's name,
                // dnd_mode=on|off, is from Snom's settings reference (assumed).
                case DND_ON -> send("/dummy.htm?settings=save&dnd_mode=on", credentials);
                case DND_OFF -> send("/dummy.htm?settings=save&dnd_mode=off", credentials);
                // F_HOLD holds (F_R on older firmware, Snom wiki); pressed again to resume (assumed).
                case HOLD, UNHOLD -> send(COMMAND + "key=F_HOLD", credentials);
                case TRANSFER -> new Translation.Unsupported("Snom documents no transfer to a number"
                        + " (TRANSFER only presses the transfer key)");
                // The web server reboots the phone on advanced_update.htm?reboot=Reboot (Snom wiki).
                case REBOOT -> send("/advanced_update.htm?reboot=Reboot", credentials);
                case POLL_STATUS -> new Translation.Unsupported("Snom has no documented status API"
                        + " (no structured state.htm/info.htm found)");
            };
        } catch (InvalidCommandException e) {
            return new Translation.Invalid(e.getMessage());
        }
    }

    /** A dial: {@code command.htm?number=N&outgoing_uri=URI} (Snom wiki). */
    private static String dial(PhoneCommand command) {
        String number = PercentEncoding.encode(DialNumber.require(command), "");
        Optional<String> from = CommandAccount.sipIdentity(command);
        return "number=" + number + from.map(uri -> "&outgoing_uri=" + PercentEncoding.encode(uri, "@:")).orElse("");
    }

    /** Keypad keys 0-9, '*' and '#'; '*' and '#' travel percent-encoded as %2A and %23. */
    private static String encodeKey(String vendorKey) {
        return PercentEncoding.encode(vendorKey, "");
    }

    private static Translation send(String pathAndQuery, Optional<Credentials> credentials) {
        return new Translation.Send(PhoneRequests.get(pathAndQuery, AuthScheme.BASIC_OR_DIGEST, credentials));
    }

    /**
     * A dial answers 302 to index.htm, other commands a 200 HTML page. A 302 counts as delivered
     * for every Snom command: it is how this web server says "done, back to the index" (only
     * seen for the dial).
     */
    @Override
    public PhoneAnswer interpret(PhoneCommand command, int httpStatus, String body) {
        return HttpAnswers.read(httpStatus, true);
    }
}
