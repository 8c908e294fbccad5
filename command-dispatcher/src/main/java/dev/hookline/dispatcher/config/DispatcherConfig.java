package dev.hookline.dispatcher.config;

import dev.hookline.schema.format.FormatConfig;
import dev.hookline.schema.format.ValueFormats;
import dev.hookline.dispatcher.driver.Drivers;
import dev.hookline.dispatcher.driver.PhoneDriver;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.types.Password;

/**
 * The command dispatcher's settings, each defined once with its type, default, validation and
 * description (Kafka's {@link ConfigDef}): a bad value fails at start naming the setting.
 * Each command driver adds the settings it owns ({@link PhoneDriver#settings()}, e.g.
 * {@code yealink.login}), so they are checked and documented here like the dispatcher's own.
 * Settings under {@code kafka.} go to every Kafka client unchanged (SASL, SSL, ...); those under
 * {@code kafka.consumer.} / {@code kafka.producer.} only to the command consumer / result producer.
 */
public final class DispatcherConfig extends AbstractConfig {

    public static final String GROUP_ID = "group.id";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String MANAGEMENT_HOST = "management.host";
    public static final String MANAGEMENT_PORT = "management.port";
    public static final String SECRETS_FILE = "secrets.file";
    public static final String ALLOWED_CIDRS = "phone.allowed.cidrs";
    /** Where desk phones live: RFC 1918, loopback and IPv6 unique-local addresses. */
    public static final List<String> PRIVATE_NETWORKS =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "fc00::/7");
    public static final String PHONE_PORT = "phone.http.port";
    public static final String PHONE_SCHEME = "phone.http.scheme";
    public static final String PHONE_TLS_TRUST_ALL = "phone.tls.trust.all";
    public static final String REQUEST_TIMEOUT_MS = "phone.request.timeout.ms";
    public static final String RATE_LIMIT = "phone.rate.limit.per.second";
    public static final String CONNECTIONS_PER_PHONE = "phone.max.connections";
    public static final String MAX_ATTEMPTS = "retry.max.attempts";
    public static final String BACKOFF_BASE_MS = "retry.backoff.base.ms";
    public static final String BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final String MAX_IN_FLIGHT = "max.in.flight";
    public static final String DEFAULT_EXPIRY_MS = "command.default.expiry.ms";
    public static final String DEDUP_LOOKBACK_MS = "dedup.lookback.ms";
    public static final String DEDUP_CAPACITY = "dedup.capacity";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String STARTUP_TIMEOUT_MS = "startup.timeout.ms";
    public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String VENDOR_DIR = "vendors.dir";
    public static final String KAFKA_PREFIX = "kafka.";
    public static final String KAFKA_CONSUMER_PREFIX = "kafka.consumer.";
    public static final String KAFKA_PRODUCER_PREFIX = "kafka.producer.";

    /** The dispatcher's own settings. */
    private static final ConfigDef OWN = new ConfigDef()
            .define(GROUP_ID, Type.STRING, "hookline-dispatcher", Importance.HIGH,
                    "Consumer group of the command consumer; instances with the same id share the commands.")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.MEDIUM, "Prefix in front of every topic name.")
            .define(MANAGEMENT_HOST, Type.STRING, "0.0.0.0", Importance.MEDIUM, "Address of the management port.")
            .define(MANAGEMENT_PORT, Type.INT, 8082, Range.between(0, 65535), Importance.MEDIUM,
                    "Port of /health/live, /health/ready and /metrics (0: any free port).")
            .define(VENDOR_DIR, Type.STRING, "", Importance.MEDIUM,
                    "A folder of vendor files (<vendor>.json) that add vendors or override the built-in ones; "
                            + "a vendor's actionUri.dialect picks the driver its phones are commanded with.")
            .define(SECRETS_FILE, Type.STRING, "", Importance.HIGH,
                    "File with the phones' web logins (default, per vendor, per model, per device); "
                            + "empty: commands are sent without credentials.")
            .define(ALLOWED_CIDRS, Type.LIST, PRIVATE_NETWORKS, Importance.HIGH,
                    "Networks commands may be sent to, e.g. 10.20.0.0/16,fd00::/8; a phone elsewhere gets REJECTED. "
                            + "The default, private and loopback networks, keeps a forged phone address on a public "
                            + "host from receiving phone logins; empty: any address, with a warning at start.")
            .define(PHONE_PORT, Type.INT, 80, Range.between(1, 65535), Importance.MEDIUM,
                    "HTTP port of the phones' web servers.")
            .define(PHONE_SCHEME, Type.STRING, "http", ValidString.in("http", "https"), Importance.MEDIUM,
                    "http or https towards the phones.")
            .define(PHONE_TLS_TRUST_ALL, Type.BOOLEAN, true, Importance.LOW,
                    "With https: accept the phones' (usually self-signed) certificates without verification.")
            .define(REQUEST_TIMEOUT_MS, Type.LONG, 5000L, Range.between(100, 300_000), Importance.MEDIUM,
                    "Time a phone has to accept the connection, and again to answer, per attempt.")
            .define(RATE_LIMIT, Type.DOUBLE, 2.0, Range.between(0.01, 1000), Importance.MEDIUM,
                    "Requests per second sent to one phone at most (retries included); keep it below the rate "
                            + "at which phones lock their web login out.")
            .define(CONNECTIONS_PER_PHONE, Type.INT, 1, Range.between(1, 16), Importance.LOW,
                    "Connections open to one phone at most.")
            .define(MAX_ATTEMPTS, Type.INT, 3, Range.between(1, 20), Importance.MEDIUM,
                    "Attempts per command; only connect errors, time-outs and 5xx answers are retried.")
            .define(BACKOFF_BASE_MS, Type.LONG, 250L, Range.between(1, 600_000), Importance.LOW,
                    "Wait before the first retry; it doubles per retry, with random jitter of +-50%.")
            .define(BACKOFF_MAX_MS, Type.LONG, 5000L, Range.between(1, 600_000), Importance.LOW,
                    "Longest wait between two attempts.")
            .define(MAX_IN_FLIGHT, Type.INT, 5000, Range.between(1, 1_000_000), Importance.MEDIUM,
                    "Commands taken from Kafka but not yet answered at most; past it consumption pauses.")
            .define(DEFAULT_EXPIRY_MS, Type.LONG, 60_000L, Range.between(1, Duration.ofDays(1).toMillis()),
                    Importance.MEDIUM, "A command without expiresAt expires this long after its requestedAt.")
            .define(DEDUP_LOOKBACK_MS, Type.LONG, Duration.ofDays(1).toMillis(), Range.atLeast(0), Importance.LOW,
                    "At start, command ids of results published this far back are loaded, so a command redelivered "
                            + "after a crash is not sent twice (default: the commands topic's retention).")
            .define(DEDUP_CAPACITY, Type.INT, 200_000, Range.between(100, 50_000_000), Importance.LOW,
                    "Most recent command ids remembered for duplicate detection.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 1000L, Range.between(10, 600_000), Importance.LOW,
                    "How often offsets of answered commands are committed.")
            .define(STARTUP_TIMEOUT_MS, Type.LONG, 120_000L, Range.atLeast(1000), Importance.LOW,
                    "Time allowed to load device.state.v1 and recent results before consuming commands.")
            .define(POLL_INTERVAL_MS, Type.LONG, 0L, Range.between(0, Duration.ofDays(1).toMillis()), Importance.MEDIUM,
                    "Poll the status of every phone whose vendor answers a poll (Yealink) this often (at least "
                            + "1000); the reply goes to phone.raw.v1 as a POLL record (0: off; POLL_STATUS commands "
                            + "are always served).")
            .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                    "On close, commands already being sent get this long to finish; commands not yet started "
                            + "are left uncommitted for the next owner.");

    /** Every setting: the dispatcher's own and those of the installed command drivers. */
    public static final ConfigDef DEFINITION = withDriverSettings();

    private static ConfigDef withDriverSettings() {
        ConfigDef all = FormatConfig.define(new ConfigDef(OWN));
        for (ConfigDef.ConfigKey key : Drivers.settings().configKeys().values()) {
            if (OWN.configKeys().containsKey(key.name)) {
                throw new IllegalStateException("a command driver defines " + key.name
                        + ", which is one of the dispatcher's own settings");
            }
            all.define(key);
        }
        return all;
    }

    private static final Pattern SECRET = Pattern.compile("password|secret|jaas|token|credential|key\\.pem|keystore\\.key");

    public DispatcherConfig(Map<String, ?> values) {
        super(DEFINITION, values, true);
        long poll = getLong(POLL_INTERVAL_MS);
        if (poll > 0 && poll < 1000) {
            throw new org.apache.kafka.common.config.ConfigException(POLL_INTERVAL_MS, poll, "must be 0 (off) or at least 1000");
        }
        if (getLong(BACKOFF_MAX_MS) < getLong(BACKOFF_BASE_MS)) {
            throw new org.apache.kafka.common.config.ConfigException(BACKOFF_MAX_MS, getLong(BACKOFF_MAX_MS),
                    "must be at least " + BACKOFF_BASE_MS);
        }
    }

    /** The value formats of the topics it writes, and the registry, if any. */
    public ValueFormats formats() {
        return FormatConfig.formats(this);
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    /** The user's folder of vendor descriptors, if set. */
    public Optional<java.nio.file.Path> vendorDir() {
        String dir = getString(VENDOR_DIR);
        return dir.isBlank() ? Optional.empty() : Optional.of(java.nio.file.Path.of(dir));
    }

    public Optional<java.nio.file.Path> secretsFile() {
        String file = getString(SECRETS_FILE);
        return file.isBlank() ? Optional.empty() : Optional.of(java.nio.file.Path.of(file));
    }

    /** The periodic status poll's interval; empty when off. */
    public Optional<Duration> pollInterval() {
        long millis = getLong(POLL_INTERVAL_MS);
        return millis == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getLong(REQUEST_TIMEOUT_MS));
    }

    public Duration defaultExpiry() {
        return Duration.ofMillis(getLong(DEFAULT_EXPIRY_MS));
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS));
    }

    public Duration startupTimeout() {
        return Duration.ofMillis(getLong(STARTUP_TIMEOUT_MS));
    }

    public boolean https() {
        return getString(PHONE_SCHEME).equals("https");
    }

    /** Settings for every Kafka client: {@code kafka.*} without the consumer/producer sub-sections. */
    public Map<String, Object> kafka() {
        Map<String, Object> common = originalsWithPrefix(KAFKA_PREFIX);
        common.keySet().removeIf(key -> key.startsWith("consumer.") || key.startsWith("producer."));
        return common;
    }

    /** {@link #kafka()} plus {@code kafka.consumer.*}. */
    public Map<String, Object> kafkaConsumer() {
        Map<String, Object> props = kafka();
        props.putAll(originalsWithPrefix(KAFKA_CONSUMER_PREFIX));
        return props;
    }

    /** {@link #kafka()} plus {@code kafka.producer.*}. */
    public Map<String, Object> kafkaProducer() {
        Map<String, Object> props = kafka();
        props.putAll(originalsWithPrefix(KAFKA_PRODUCER_PREFIX));
        return props;
    }

    /** The settings as one log line, any secret-looking Kafka value (SASL JAAS, key passwords, ...) masked. */
    public String describe() {
        Map<String, Object> shown = new TreeMap<>();
        values().forEach((key, value) -> shown.put(key, value instanceof Password ? "[hidden]" : value));
        originalsWithPrefix(KAFKA_PREFIX, false).forEach((key, value) -> shown.put(key, mask(key, value)));
        return shown.toString();
    }

    static Object mask(String key, Object value) {
        if (value instanceof Password) {
            return "[hidden]";
        }
        return value != null && SECRET.matcher(key.toLowerCase(Locale.ROOT)).find() ? "[hidden]" : value;
    }
}
