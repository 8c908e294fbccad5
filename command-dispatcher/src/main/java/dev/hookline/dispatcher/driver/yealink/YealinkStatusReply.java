package dev.hookline.dispatcher.driver.yealink;

import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.schema.PollStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Yealink phone's answer to {@code GET /servlet?phonecfg=get&accounts=1&dnd=1&fw=1}: plain text
 * in INI style, not XML or JSON (the layout third-party Yealink integrations parse; (not confirmed on hardware)):
 * <pre>
 * [Status]
 * FirmwareVersion=66.86.0.15
 * [Accounts]
 * Account0=Enabled|1001|1001|Alice|Off|1001@10.0.0.1|
 * [DND]
 * State=Off
 * [Forward_always]
 * State=On
 * Target=2000
 * [Forward_noanswer]
 * Ringtimes=20
 * State=Off
 * Target=
 * </pre>
 * Parsing is lenient: unknown sections and lines are skipped, a missing field is empty, and
 * nothing in the text makes {@link #parse} throw.
 *
 * @param firmware        {@code [Status] FirmwareVersion}
 * @param accounts        the {@code AccountN} lines, by id
 * @param dnd             {@code [DND] State}, when On or Off
 * @param forwardAlways   {@code [Forward_always]}, when its State is On or Off
 * @param forwardBusy     {@code [Forward_busy]}
 * @param forwardNoAnswer {@code [Forward_noanswer]}; those integrations report a firmware bug that fills it
 *                        from the always-forward settings, reported here as the phone printed it
 */
public record YealinkStatusReply(
        Optional<String> firmware,
        List<Account> accounts,
        Optional<Boolean> dnd,
        Optional<Forward> forwardAlways,
        Optional<Forward> forwardBusy,
        Optional<Forward> forwardNoAnswer) {

    /**
     * One {@code Account<N>=State|Label|UserName|DisplayName|Anonymous|user@server|} line.
     *
     * @param id    N as printed: the phone's internal id, probably 0-based (assumed)
     * @param state the first field, {@code Enabled} or {@code Disabled}; no source says
     *              whether it means "configured" or "registered", so it is kept as printed
     */
    public record Account(int id, String state, String label, String userName, String displayName, String sipUri) {
        public boolean enabled() {
            return "Enabled".equalsIgnoreCase(state);
        }
    }

    /** One call-forward setting; {@code target} is empty when the phone printed none. */
    public record Forward(boolean on, String target, OptionalInt ringSeconds) {
    }

    private static final Pattern ACCOUNT_KEY = Pattern.compile("(?i)account([0-9]{1,3})");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,4}");

    public YealinkStatusReply {
        accounts = List.copyOf(accounts);
    }

    /** Reads the reply; never throws (an unreadable body gives an empty reply). */
    public static YealinkStatusReply parse(String body) {
        Reader reader = new Reader();
        String section = "";
        for (String raw : body.split("\r\n|\r|\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                reader.read(section, line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return reader.reply();
    }

    /**
     * This reply as the vendor-neutral poll record the processor reads (schemas {@code PollStatus}). An enabled account with a SIP identity counts as
     * registered and a disabled one as not: the reply has no registration field of its own
     * (not confirmed on hardware), and "Enabled" is the nearest it says.
     */
    public Optional<PollStatus> toPollStatus(PhoneTarget target) {
        List<String> registered = new ArrayList<>();
        List<String> unregistered = new ArrayList<>();
        for (Account account : accounts()) {
            String line = account.sipUri();
            if (line == null || line.isBlank()) {
                continue;
            }
            (account.enabled() ? registered : unregistered).add(line);
        }
        PollStatus status = new PollStatus("yealink", target.model(), firmware().orElse(null), target.address(),
                dnd().orElse(null),
                forwardAlways().map(Forward::on).orElse(null),
                forwardBusy().map(Forward::on).orElse(null),
                forwardNoAnswer().map(Forward::on).orElse(null),
                registered, unregistered);
        return status.reportsState() ? Optional.of(status) : Optional.empty();
    }

    /** One short line for a command result's detail: no user names or addresses. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        firmware.ifPresent(fw -> parts.add("firmware " + fw));
        dnd.ifPresent(on -> parts.add("DND " + (on ? "on" : "off")));
        if (!accounts.isEmpty()) {
            long enabled = accounts.stream().filter(Account::enabled).count();
            parts.add(enabled + "/" + accounts.size() + " accounts enabled");
        }
        forwardAlways.filter(Forward::on).ifPresent(f -> parts.add("always forward on"));
        forwardBusy.filter(Forward::on).ifPresent(f -> parts.add("busy forward on"));
        forwardNoAnswer.filter(Forward::on).ifPresent(f -> parts.add("no-answer forward on"));
        return parts.isEmpty() ? "no status fields recognized" : String.join(", ", parts);
    }

    /** Collects fields section by section. */
    private static final class Reader {
        private String firmware;
        private final List<Account> accounts = new ArrayList<>();
        private Boolean dnd;
        private final ForwardFields always = new ForwardFields();
        private final ForwardFields busy = new ForwardFields();
        private final ForwardFields noAnswer = new ForwardFields();

        void read(String section, String key, String value) {
            switch (section) {
                case "status" -> {
                    if (key.equalsIgnoreCase("FirmwareVersion") && !value.isEmpty()) {
                        firmware = value;
                    }
                }
                case "accounts" -> account(key, value);
                case "dnd" -> {
                    if (key.equalsIgnoreCase("State")) {
                        dnd = onOff(value);
                    }
                }
                case "forward_always" -> always.read(key, value);
                case "forward_busy" -> busy.read(key, value);
                case "forward_noanswer" -> noAnswer.read(key, value);
                default -> {
                    // A section this parser does not know: newer firmware may add some.
                }
            }
        }

        private void account(String key, String value) {
            Matcher m = ACCOUNT_KEY.matcher(key);
            if (!m.matches()) {
                return;
            }
            String[] f = value.split("\\|", -1);
            accounts.removeIf(a -> a.id() == Integer.parseInt(m.group(1)));
            accounts.add(new Account(Integer.parseInt(m.group(1)),
                    field(f, 0), field(f, 1), field(f, 2), field(f, 3), field(f, 5)));
        }

        private static String field(String[] fields, int i) {
            return i < fields.length ? fields[i].strip() : "";
        }

        YealinkStatusReply reply() {
            accounts.sort(Comparator.comparingInt(Account::id));
            return new YealinkStatusReply(Optional.ofNullable(firmware), accounts, Optional.ofNullable(dnd),
                    always.forward(), busy.forward(), noAnswer.forward());
        }
    }

    private static final class ForwardFields {
        private Boolean on;
        private String target = "";
        private OptionalInt ringSeconds = OptionalInt.empty();

        void read(String key, String value) {
            if (key.equalsIgnoreCase("State")) {
                on = onOff(value);
            } else if (key.equalsIgnoreCase("Target")) {
                target = value;
            } else if (key.equalsIgnoreCase("Ringtimes") && SECONDS.matcher(value).matches()) {
                ringSeconds = OptionalInt.of(Integer.parseInt(value));
            }
        }

        Optional<Forward> forward() {
            return on == null ? Optional.empty() : Optional.of(new Forward(on, target, ringSeconds));
        }
    }

    /** On/Off (also 1/0); anything else is unknown. */
    private static Boolean onOff(String value) {
        if (value.equalsIgnoreCase("On") || value.equals("1")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("Off") || value.equals("0")) {
            return Boolean.FALSE;
        }
        return null;
    }
}
