package dev.hookline.dispatcher.driver.aastra;

import dev.hookline.dispatcher.driver.AuthScheme;
import dev.hookline.dispatcher.driver.CommandAccount;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.DialNumber;
import dev.hookline.dispatcher.driver.HttpAnswers;
import dev.hookline.dispatcher.driver.InvalidCommandException;
import dev.hookline.dispatcher.driver.KeySequence;
import dev.hookline.dispatcher.driver.KeyTable;
import dev.hookline.dispatcher.driver.PhoneAnswer;
import dev.hookline.dispatcher.driver.PhoneDriver;
import dev.hookline.dispatcher.driver.PhoneRequests;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.driver.Translation;
import dev.hookline.schema.PhoneCommand;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@value #DIALECT} dialect: Aastra / Mitel 67xx, 68xx, 69xx XML push, everything Hookline
 * knows about driving these phones from a server. Source: the Aastra XML API developer guide
 * (pushing objects to the phone, the Execute object and its URIs).
 *
 * <p>The guide pushes with {@code POST /} to the phone's web server, the body {@code xml=}
 * followed by the XML, not URL-encoded; its PHP sample sends {@code Content-Type: text/xml}. So
 * the body is {@code xml=} followed by the raw XML, sent as {@code text/xml}. Every value put in
 * the XML is validated to digits, '*', '#', '+' and key names, so it reads the same whether or not
 * the phone URL-decodes the body, '+' aside. Authorization: the sender's address must be in the
 * phone's "XML application post list"; there is no password, hence {@link AuthScheme#NONE}.
 */
public final class AastraDriver implements PhoneDriver {

    /** The dialect's name, as descriptors name it in {@code actionUri.dialect}. */
    public static final String DIALECT = "aastra";

    static final Map<String, String> HEADERS = Map.of("Content-Type", "text/xml");
    /** The guide's {@code DialLine:<line>:<number>}. Nine lines: the most on an Aastra/Mitel set (assumed). */
    static final int MAX_LINE = 9;

    /** The guide's {@code Key:<name>} key names; F1-F4 are the soft keys. */
    static final KeyTable KEYS = KeyTable.builder("Aastra/Mitel")
            .key("KeyPad0", "0").key("KeyPad1", "1").key("KeyPad2", "2").key("KeyPad3", "3").key("KeyPad4", "4")
            .key("KeyPad5", "5").key("KeyPad6", "6").key("KeyPad7", "7").key("KeyPad8", "8").key("KeyPad9", "9")
            .key("KeyPadStar", "*")
            .key("KeyPadPound", "#", "POUND")
            .key("NavUp", "UP").key("NavDwn", "DOWN").key("NavLeft", "LEFT").key("NavRight", "RIGHT")
            .key("Goodbye")
            .key("Xfer", "TRANSFER")
            .key("Conf", "CONFERENCE")
            .key("Hold", "HOLD")
            .key("Intercom").key("Directory").key("Options").key("Save").key("Delete")
            .key("Voicemail", "MESSAGES")
            .key("Headset", "HEADSET")
            .key("Speaker", "SPEAKER")
            .numbered("L", 1, MAX_LINE, "Line")
            .numbered("LINE", 1, MAX_LINE, "Line")
            .numbered("F", 1, 4, "SoftKey")
            .numbered("SOFTKEY", 1, 20, "SoftKey")
            .numbered("TOPSOFTKEY", 1, 20, "TopSoftKey")
            .numbered("PRGKEY", 1, 30, "PrgKey")
            .build();

    @Override
    public String dialect() {
        return DIALECT;
    }

    @Override
    public Translation translate(PhoneCommand command, PhoneTarget target, Optional<Credentials> credentials) {
        try {
            return switch (command.getAction()) {
                case DIAL -> execute(List.of(dial(command)));
                // The guide's Goodbye key hangs up.
                case HANGUP -> execute(List.of("Key:Goodbye"));
                case ANSWER -> new Translation.Unsupported("Aastra/Mitel document no answer key; press the ringing"
                        + " line's key with SEND_KEYS (e.g. L1)");
                case SEND_KEYS -> execute(KEYS.translate(KeySequence.parse(command)).stream()
                        .map(key -> "Key:" + key).toList());
                case DND_ON, DND_OFF -> new Translation.Unsupported("Aastra/Mitel document no DND on/off command"
                        + " (DND is a programmable key that toggles)");
                // The guide's Hold key; pressed again to resume (assumed).
                case HOLD, UNHOLD -> execute(List.of("Key:Hold"));
                case TRANSFER -> new Translation.Unsupported("Aastra/Mitel document no transfer to a number"
                        + " (Xfer only presses the transfer key)");
                // The guide's Execute commands include Reset and FastReboot; Reset restarts the phone.
                case REBOOT -> execute(List.of("Command: Reset"));
                case POLL_STATUS -> new Translation.Unsupported("Aastra/Mitel have no status query"
                        + " (no pull API found)");
            };
        } catch (InvalidCommandException e) {
            return new Translation.Invalid(e.getMessage());
        }
    }

    /** The guide's {@code Dial:<number>} and {@code DialLine:<line>:<number>}. */
    private static String dial(PhoneCommand command) {
        String number = DialNumber.require(command);
        OptionalInt line = CommandAccount.line(command, MAX_LINE);
        return line.isPresent() ? "DialLine:" + line.getAsInt() + ":" + number : "Dial:" + number;
    }

    /** One {@code AastraIPPhoneExecute} with an {@code ExecuteItem} per URI, in order. */
    private static Translation execute(List<String> uris) {
        StringBuilder xml = new StringBuilder("xml=<AastraIPPhoneExecute>");
        uris.forEach(uri -> xml.append("<ExecuteItem URI=\"").append(escapeXml(uri)).append("\"/>"));
        xml.append("</AastraIPPhoneExecute>");
        return new Translation.Send(PhoneRequests.post("/", HEADERS, xml.toString(), AuthScheme.NONE, Optional.empty()));
    }

    /** The values are validated already; escaping keeps the XML well formed should that ever change. */
    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Aastra answers a push with 200; nothing documents a redirect. */
    @Override
    public PhoneAnswer interpret(PhoneCommand command, int httpStatus, String body) {
        return HttpAnswers.read(httpStatus, false);
    }
}
