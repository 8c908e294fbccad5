package dev.hookline.dispatcher.driver.yealink;

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
import dev.hookline.dispatcher.driver.PhoneHttpRequest;
import dev.hookline.dispatcher.driver.PhoneRequests;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.driver.Translation;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Yealink's Action URI (T2x/T3x/T4x/T5x, CP, W-series): everything Hookline knows about driving
 * a Yealink phone from a server. Sources: seed 001 (Yealink admin guide, "Action URI") and
 * vendors.md §1.2.
 *
 * <p>Seed 001: "The valid URI format is: http(s)://phone IP address/servlet?key=variable value".
 * Every command is one {@code GET /servlet?key=...}; the status poll is
 * {@code GET /servlet?phonecfg=get&accounts=1&dnd=1&fw=1}, read by {@link YealinkStatusReply}.
 */
public final class YealinkDriver implements PhoneDriver {

    /** How the phone's web login travels. */
    public enum Login {
        /** HTTP Basic: what third-party clients send (vendors.md §1.2 "Third-party clients send Basic"). */
        HTTP_BASIC,
        /**
         * Older firmware: seed 001 "When authentication is required, you must enter
         * 'p=login&q=login&username=xxx&pwd=yyy&jumpto=URI&' before the variable".
         */
        QUERY_PREFIX
    }

    private static final String PATH = "/servlet?";
    private static final String POLL_QUERY = "phonecfg=get&accounts=1&dnd=1&fw=1";
    /** Seed 001 lists the keypad as "0-9, * or POUND": '*' goes raw; '#' would end the URL, so numbers send it as %23. */
    private static final String RAW_IN_NUMBER = "*";

    /**
     * Keys from seed 001's table (and vendors.md §1.2). Actions such as Reboot, AutoP and DNDOn
     * are left out on purpose: SEND_KEYS presses keys, the actions have their own commands.
     */
    static final KeyTable KEYS = KeyTable.builder("Yealink")
            .key("0").key("1").key("2").key("3").key("4").key("5").key("6").key("7").key("8").key("9")
            .key("*")
            .key("POUND", "#")
            .key("OK")
            .key("ENTER")
            // Seed 001: "x: Cancel actions or reject incoming calls or mute or un-mute calls".
            .key("X", "CANCEL")
            .key("UP").key("DOWN").key("LEFT").key("RIGHT")
            .key("VOLUME_UP").key("VOLUME_DOWN").key("MUTE").key("SPEAKER").key("HEADSET")
            .key("F_HOLD", "HOLD")
            .key("F_TRANSFER", "TRANSFER")
            .key("F_CONFERENCE", "CONFERENCE")
            .key("RD", "REDIAL")
            .key("MSG", "MESSAGES")
            .numbered("F", 1, 4, "F")
            // Seed 001: "L1-LX ... for SIP-T48G, X=29", the largest in the table.
            .numbered("L", 1, 29, "L")
            // vendors.md §1.2: "D1-D10 (DSS)".
            .numbered("D", 1, 10, "D")
            .build();

    private final Login login;

    /** A driver that sends credentials with HTTP Basic. */
    public YealinkDriver() {
        this(Login.HTTP_BASIC);
    }

    public YealinkDriver(Login login) {
        this.login = Objects.requireNonNull(login, "login");
    }

    @Override
    public Set<String> vendors() {
        return Set.of("yealink");
    }

    @Override
    public Translation translate(PhoneCommand command, PhoneTarget target, Optional<Credentials> credentials) {
        try {
            return new Translation.Send(request(query(command), credentials));
        } catch (InvalidCommandException e) {
            return new Translation.Invalid(e.getMessage());
        }
    }

    private static String query(PhoneCommand command) {
        CommandAction action = command.getAction();
        return switch (action) {
            case DIAL -> dial(command);
            // Seed 001: "CALLEND: End a call". Not "X", which the same table says also cancels,
            // rejects and toggles mute: CALLEND only ever ends the call.
            case HANGUP -> "key=CALLEND";
            // Seed 001 (second table): "ANSWER: Answer a call". "OK" in idle opens the status page instead.
            case ANSWER -> "key=ANSWER";
            case SEND_KEYS -> "key=" + String.join(";", KEYS.translate(KeySequence.parse(command)));
            // Seed 001: "DNDOn: Activate the DND mode", "DNDOff: Deactivate the DND mode".
            case DND_ON -> "key=DNDOn";
            case DND_OFF -> "key=DNDOff";
            // Seed 001: "F_HOLD: Place an active call on hold". UNHOLD presses it again: the
            // documented form that names the call (UNHOLD:<callid>, vendors.md) needs the phone's
            // internal call id, which a command does not carry. [UNCERTAIN] that F_HOLD resumes.
            case HOLD, UNHOLD -> "key=F_HOLD";
            // Seed 001: "BTrans=xxx: Perform a blind transfer to xxx".
            case TRANSFER -> "key=BTrans=" + PercentEncoding.encode(DialNumber.require(command), RAW_IN_NUMBER);
            // Seed 001: "Reboot: Reboot the phone".
            case REBOOT -> "key=Reboot";
            // Seed 001: "http(s)://phone IP address/servlet?phonecfg=get[&accounts=x][&dnd=x][&fw=x]".
            case POLL_STATUS -> POLL_QUERY;
        };
    }

    /**
     * Seed 001: "number=xxx&outgoing_uri=y: Place a call to xxx from SIP URI y. Example:
     * http://10.3.20.10/servlet?key=number=1234&outgoing_uri=1006@10.3.5.199". The seed puts it
     * under {@code key=} (vendors.md says top level; the seed wins). Without an account the
     * outgoing_uri is left out and the phone dials from its default account [UNCERTAIN].
     */
    private static String dial(PhoneCommand command) {
        String number = PercentEncoding.encode(DialNumber.require(command), RAW_IN_NUMBER);
        Optional<String> from = CommandAccount.sipIdentity(command);
        return "key=number=" + number + from.map(uri -> "&outgoing_uri=" + PercentEncoding.encode(uri, "@:")).orElse("");
    }

    private PhoneHttpRequest request(String query, Optional<Credentials> credentials) {
        if (login == Login.HTTP_BASIC || credentials.isEmpty()) {
            return PhoneRequests.get(PATH + query, AuthScheme.BASIC, credentials);
        }
        Credentials c = credentials.get();
        // The documented placeholder "jumpto=URI" is kept as written: the one third-party example
        // found sends it literally, and the page to jump to does not matter for a key. [UNCERTAIN]
        String prefix = "p=login&q=login&username=" + PercentEncoding.encode(c.username(), "") + "&pwd=";
        String suffix = "&jumpto=URI&";
        return new PhoneHttpRequest("GET",
                PATH + prefix + PercentEncoding.encode(c.password(), "") + suffix + query,
                Map.of(), null, AuthScheme.NONE, credentials,
                PATH + prefix + "****" + suffix + query);
    }

    /**
     * Seed 001: the phone "will perform the specified action and respond with a 200 OK". A 302 is
     * not taken as success: nothing documents one, and a web UI's redirect usually means "log in".
     */
    @Override
    public PhoneAnswer interpret(PhoneCommand command, int httpStatus, String body) {
        PhoneAnswer answer = HttpAnswers.read(httpStatus, false);
        if (command.getAction() == CommandAction.POLL_STATUS && answer.status() == CommandStatus.DELIVERED) {
            return new PhoneAnswer(CommandStatus.DELIVERED,
                    answer.detail() + "; " + YealinkStatusReply.parse(body == null ? "" : body).summary());
        }
        return answer;
    }
}
