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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Snom's remote control ({@code command.htm}) for D3xx/D7xx and older 3xx/7xx phones (not D8xx,
 * vendors.md §2.2): everything Hookline knows about driving a Snom phone. Source: vendors.md §2.2.
 *
 * <p>vendors.md §2.2: "http://phone/command.htm?key=KEY[,pressMs[,pauseMs]][;KEY…]" and
 * "command.htm?number=N&outgoing_uri=URI (dial)". Credentials: "HTTP Basic, or Digest when
 * http_scheme=on", hence {@link AuthScheme#BASIC_OR_DIGEST}.
 */
public final class SnomDriver implements PhoneDriver {

    private static final String COMMAND = "/command.htm?";

    /**
     * vendors.md §2.2 key list. OK maps to ENTER (Snom has no OK key; ENTER is its confirm key);
     * L1.. is not mapped because Snom's line keys are freely programmable P keys. Number bounds
     * (P1-P48) are [UNCERTAIN]: the largest D7xx with expansion modules.
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
    public Set<String> vendors() {
        return Set.of("snom");
    }

    @Override
    public Translation translate(PhoneCommand command, PhoneTarget target, Optional<Credentials> credentials) {
        try {
            return switch (command.getAction()) {
                case DIAL -> send(COMMAND + dial(command), credentials);
                // vendors.md §2.2: "3P-verified: answer = ENTER (OFFHOOK/ANSWER did nothing on
                // D862), hangup = CANCEL". CANCEL ends the active call only, like the other
                // vendors' hang-up; ?RELEASE_ALL_CALLS would end every call on the phone.
                case HANGUP -> send(COMMAND + "key=CANCEL", credentials);
                case ANSWER -> send(COMMAND + "key=ENTER", credentials);
                case SEND_KEYS -> send(COMMAND + "key=" + KEYS.translate(KeySequence.parse(command)).stream()
                        .map(SnomDriver::encodeKey).collect(Collectors.joining(";")), credentials);
                // The DND key toggles, so DND is set through the settings write vendors.md §2.2
                // documents ("dummy.htm?settings=save&<name>=<val>"). The setting's name,
                // dnd_mode=on|off, is from Snom's settings reference, not vendors.md [UNCERTAIN].
                case DND_ON -> send("/dummy.htm?settings=save&dnd_mode=on", credentials);
                case DND_OFF -> send("/dummy.htm?settings=save&dnd_mode=off", credentials);
                // vendors.md §2.2: "F_HOLD (older firmware: F_R)"; pressed again to resume [UNCERTAIN].
                case HOLD, UNHOLD -> send(COMMAND + "key=F_HOLD", credentials);
                case TRANSFER -> new Translation.Unsupported("Snom documents no transfer to a number"
                        + " (TRANSFER only presses the transfer key)");
                // vendors.md §2.2: "advanced_update.htm?reboot=Reboot".
                case REBOOT -> send("/advanced_update.htm?reboot=Reboot", credentials);
                case POLL_STATUS -> new Translation.Unsupported("Snom has no documented status API"
                        + " (vendors.md: no structured state.htm/info.htm found)");
            };
        } catch (InvalidCommandException e) {
            return new Translation.Invalid(e.getMessage());
        }
    }

    /** vendors.md §2.2: "command.htm?number=N&outgoing_uri=URI (dial)". */
    private static String dial(PhoneCommand command) {
        String number = PercentEncoding.encode(DialNumber.require(command), "");
        Optional<String> from = CommandAccount.sipIdentity(command);
        return "number=" + number + from.map(uri -> "&outgoing_uri=" + PercentEncoding.encode(uri, "@:")).orElse("");
    }

    /** vendors.md §2.2: "0-9, `*`/`#` (send as `%2A`/`%23`)". */
    private static String encodeKey(String vendorKey) {
        return PercentEncoding.encode(vendorKey, "");
    }

    private static Translation send(String pathAndQuery, Optional<Credentials> credentials) {
        return new Translation.Send(PhoneRequests.get(pathAndQuery, AuthScheme.BASIC_OR_DIGEST, credentials));
    }

    /**
     * vendors.md §2.2: "number= dial answers 302 → index.htm"; other commands answer "200 HTML
     * page". A 302 counts as delivered for every Snom command: it is how this web server says
     * "done, back to the index" (only documented for the dial).
     */
    @Override
    public PhoneAnswer interpret(PhoneCommand command, int httpStatus, String body) {
        return HttpAnswers.read(httpStatus, true);
    }
}
