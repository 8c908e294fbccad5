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
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * The {@value #DIALECT} dialect: Yealink's Action URI (T2x/T3x/T4x/T5x, CP, W-series), everything
 * Hookline knows about driving a Yealink phone from a server. Sources: the Yealink administrator
 * guide, Action URI section, and the requests of third-party integrations that command Yealink
 * phones (the descriptor {@code yealink.json} lists the evidence).
 *
 * <p>The guide gives the form {@code http(s)://<phone>/servlet?key=<value>}: every command is one
 * {@code GET /servlet?key=...}; the status poll is {@code GET /servlet?phonecfg=get&accounts=1&dnd=1&fw=1},
 * read by {@link YealinkStatusReply}.
 */
public final class YealinkDriver implements PhoneDriver {

    /** The dialect's name, as descriptors name it in {@code actionUri.dialect}. */
    public static final String DIALECT = "yealink";
    /** The setting that chooses the {@link Login}: {@code basic} or {@code query}. */
    public static final String LOGIN_SETTING = "yealink.login";

    /** How the phone's web login travels. */
    public enum Login {
        /** HTTP Basic: what third-party clients send. */
        HTTP_BASIC,
        /**
         * Older firmware: the administrator guide asks for
         * {@code p=login&q=login&username=<user>&pwd=<password>&jumpto=URI&} in front of the command
         * when the phone requires authentication.
         */
        QUERY_PREFIX
    }

    private static final String PATH = "/servlet?";
    private static final String POLL_QUERY = "phonecfg=get&accounts=1&dnd=1&fw=1";
    /** The guide's keypad keys are 0-9, * and POUND: '*' goes raw; '#' would end the URL, so numbers send it as %23. */
    private static final String RAW_IN_NUMBER = "*";

    /**
     * Keys from the administrator guide's Action URI key table. Actions such as Reboot, AutoP and
     * DNDOn are left out on purpose: SEND_KEYS presses keys, the actions have their own commands.
     */
    static final KeyTable KEYS = KeyTable.builder("Yealink")
            .key("0").key("1").key("2").key("3").key("4").key("5").key("6").key("7").key("8").key("9")
            .key("*")
            .key("POUND", "#")
            .key("OK")
            .key("ENTER")
            // The guide's X cancels, rejects an incoming call, or mutes and un-mutes.
            .key("X", "CANCEL")
            .key("UP").key("DOWN").key("LEFT").key("RIGHT")
            .key("VOLUME_UP").key("VOLUME_DOWN").key("MUTE").key("SPEAKER").key("HEADSET")
            .key("F_HOLD", "HOLD")
            .key("F_TRANSFER", "TRANSFER")
            .key("F_CONFERENCE", "CONFERENCE")
            .key("RD", "REDIAL")
            .key("MSG", "MESSAGES")
            .numbered("F", 1, 4, "F")
            // Line keys L1-L29: the guide's largest count (SIP-T48G).
            .numbered("L", 1, 29, "L")
            // DSS keys D1-D10, as third-party integrations send them.
            .numbered("D", 1, 10, "D")
            .build();

    private final Login login;

    /** A driver that sends credentials with HTTP Basic (what {@link java.util.ServiceLoader} makes). */
    public YealinkDriver() {
        this(Login.HTTP_BASIC);
    }

    public YealinkDriver(Login login) {
        this.login = Objects.requireNonNull(login, "login");
    }

    @Override
    public String dialect() {
        return DIALECT;
    }

    @Override
    public ConfigDef settings() {
        return new ConfigDef().define(LOGIN_SETTING, Type.STRING, "basic", ValidString.in("basic", "query"),
                Importance.LOW, "How Yealink phones get their login: HTTP Basic, or the older p=login&...&pwd=... "
                        + "query prefix.");
    }

    @Override
    public PhoneDriver configure(AbstractConfig settings) {
        return new YealinkDriver(settings.getString(LOGIN_SETTING).equals("query") ? Login.QUERY_PREFIX : Login.HTTP_BASIC);
    }

    /** How this driver sends the login. */
    public Login login() {
        return login;
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
            // CALLEND ends a call (administrator guide). Not X, which the same table says also
            // cancels, rejects and toggles mute: CALLEND only ever ends the call.
            case HANGUP -> "key=CALLEND";
            // ANSWER answers a call (the guide's second key table); OK in idle opens the status page instead.
            case ANSWER -> "key=ANSWER";
            case SEND_KEYS -> "key=" + String.join(";", KEYS.translate(KeySequence.parse(command)));
            // DNDOn and DNDOff switch DND on and off (administrator guide).
            case DND_ON -> "key=DNDOn";
            case DND_OFF -> "key=DNDOff";
            // F_HOLD puts the active call on hold (administrator guide). UNHOLD presses it again:
            // the form that names the call (UNHOLD:<callid>) needs the phone's internal call id,
            // which a command does not carry. (assumed) that F_HOLD resumes.
            case HOLD, UNHOLD -> "key=F_HOLD";
            // BTrans=<number> transfers the call blind to the number (administrator guide).
            case TRANSFER -> "key=BTrans=" + PercentEncoding.encode(DialNumber.require(command), RAW_IN_NUMBER);
            // Reboot restarts the phone (administrator guide).
            case REBOOT -> "key=Reboot";
            // The guide's status query: /servlet?phonecfg=get with optional accounts, dnd and fw flags.
            case POLL_STATUS -> POLL_QUERY;
        };
    }

    /**
     * The administrator guide dials with {@code number=<number>&outgoing_uri=<sip uri>} under
     * {@code key=}, e.g. {@code /servlet?key=number=1234&outgoing_uri=1006@10.3.5.199}; some
     * third-party notes put it at the top level, the guide wins. Without an account the
     * outgoing_uri is left out and the phone dials from its default account (assumed).
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
        // found sends it literally, and the page to jump to does not matter for a key. (assumed)
        String prefix = "p=login&q=login&username=" + PercentEncoding.encode(c.username(), "") + "&pwd=";
        String suffix = "&jumpto=URI&";
        return new PhoneHttpRequest("GET",
                PATH + prefix + PercentEncoding.encode(c.password(), "") + suffix + query,
                Map.of(), null, AuthScheme.NONE, credentials,
                PATH + prefix + "****" + suffix + query);
    }

    /**
     * The administrator guide says the phone performs the action and answers 200 OK. A 302 is not
     * taken as success: nothing documents one, and a web UI's redirect usually means "log in".
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
