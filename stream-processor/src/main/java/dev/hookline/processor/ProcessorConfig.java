package dev.hookline.processor;

import dev.hookline.processor.calls.CallCorrelator;
import dev.hookline.processor.identity.AddressAttribution;
import dev.hookline.schema.format.FormatConfig;
import dev.hookline.schema.format.ValueFormats;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The stream processor's settings, each defined once (Kafka's {@link ConfigDef}). Settings
 * under {@code kafka.} go to Kafka Streams unchanged (SASL, SSL, state.dir, threads, ...).
 */
public final class ProcessorConfig extends AbstractConfig {

    public static final String APPLICATION_ID = "application.id";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String VENDOR_DIR = "vendors.dir";
    public static final String CALL_TIMEOUT_MS = "call.timeout.ms";
    public static final String CALL_MAX_OPEN = "call.max.open";
    public static final String CALL_DUPLICATE_WINDOW_MS = "call.duplicate.window.ms";
    public static final String CALL_STALE_UNANSWERED_MS = "call.stale.unanswered.ms";
    public static final String CALL_STALE_ANSWERED_MS = "call.stale.answered.ms";
    public static final String CALL_OFFHOOK_MAX_MS = "call.offhook.max.ms";
    public static final String DEDUP_WINDOW_MS = "dedup.window.ms";
    public static final String REORDER_WINDOW_MS = "reorder.window.ms";
    public static final String PUNCTUATE_INTERVAL_MS = "punctuate.interval.ms";
    public static final String QUIET_AFTER_MS = "timeout.quiet.after.ms";
    public static final String PHONE_CACHE_SIZE = "phone.cache.size";
    public static final String IDENTITY_ADDRESS_MAX_AGE_MS = "identity.address.max.age.ms";
    public static final String IDENTITY_ADDRESS_REFRESH_MS = "identity.address.refresh.ms";
    public static final String PHONES_SILENT_AFTER_MS = "phones.silent.after.ms";
    public static final String QUERY_HOST = "query.host";
    public static final String QUERY_PORT = "query.port";
    public static final String QUERY_ADVERTISED_HOST = "query.advertised.host";
    public static final String QUERY_AUTH_ENABLED = "query.auth.enabled";
    public static final String QUERY_USERS_FILE = "query.users.file";
    public static final String QUERY_INSTANCE_TOKEN = "query.instance.token";
    public static final String QUERY_TLS_CERT = "query.tls.cert.file";
    public static final String QUERY_TLS_KEY = "query.tls.key.file";
    public static final String QUERY_TLS_CA = "query.tls.ca.file";
    public static final String KAFKA_PREFIX = "kafka.";

    public static final ConfigDef DEFINITION = FormatConfig.define(new ConfigDef()
            .define(APPLICATION_ID, Type.STRING, "hookline-processor", Importance.HIGH,
                    "Kafka Streams application id: the consumer group and the prefix of its internal topics.")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.MEDIUM, "Prefix in front of every topic name.")
            .define(VENDOR_DIR, Type.STRING, "", Importance.MEDIUM,
                    "A folder of vendor descriptors (<vendor>.json, the format of the built-in ones) that add vendors "
                            + "or replace the built-in one of the same name.")
            .define(CALL_TIMEOUT_MS, Type.LONG, Duration.ofHours(4).toMillis(), Range.atLeast(1000), Importance.MEDIUM,
                    "A call with no event for this long is closed with outcome UNKNOWN.")
            .define(CALL_MAX_OPEN, Type.INT, 8, Range.atLeast(1), Importance.LOW,
                    "Open calls kept per phone; beyond it the oldest is closed with outcome UNKNOWN.")
            .define(CALL_DUPLICATE_WINDOW_MS, Type.LONG, 1000L, Range.atLeast(0), Importance.LOW,
                    "The same event type for the same call within this time counts once.")
            .define(CALL_STALE_UNANSWERED_MS, Type.LONG, Duration.ofMinutes(5).toMillis(), Range.atLeast(0),
                    Importance.LOW, "An unanswered call (ringing, ringback) with no event for this long is closed with "
                            + "outcome UNKNOWN at the phone's next event: its end was lost.")
            .define(CALL_STALE_ANSWERED_MS, Type.LONG, Duration.ofHours(1).toMillis(), Range.atLeast(0), Importance.LOW,
                    "An answered call with no event for this long is closed with outcome UNKNOWN when a new call "
                            + "starts on the phone.")
            .define(CALL_OFFHOOK_MAX_MS, Type.LONG, Duration.ofMinutes(10).toMillis(), Range.atLeast(0), Importance.LOW,
                    "An off hook up to this long before a dialed call is taken as that call's start; an older one is not.")
            .define(DEDUP_WINDOW_MS, Type.LONG, 1000L, Range.atLeast(0), Importance.LOW,
                    "The same request (device, type, variables) within this time counts once.")
            .define(REORDER_WINDOW_MS, Type.LONG, 2000L, Range.between(0, 60_000), Importance.LOW,
                    "A call that ends unanswered is held this long (the phone's time) before its session is written, "
                            + "so an answer that reached Kafka after the end (one phone's requests through two gateways) "
                            + "still makes it ANSWERED; 0 writes it at once.")
            .define(PUNCTUATE_INTERVAL_MS, Type.LONG, 60_000L, Range.atLeast(100), Importance.LOW,
                    "How often time-outs are checked.")
            .define(QUIET_AFTER_MS, Type.LONG, 60_000L, Range.atLeast(0), Importance.LOW,
                    "Time-outs follow the events' own time while they flow; a partition without events for this "
                            + "long is timed by the wall clock instead.")
            .define(PHONE_CACHE_SIZE, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
                    "Phones whose state each stream task keeps as objects in memory (the most recently active).")
            .define(IDENTITY_ADDRESS_MAX_AGE_MS, Type.LONG, Duration.ofDays(7).toMillis(), Range.atLeast(0),
                    Importance.MEDIUM, "A request without a MAC (device id ip-<address>) is attributed to the phone last "
                            + "seen with its MAC at that address (per tenant), when that was at most this long before the "
                            + "request; a newer MAC at the address takes over. 0: never (the request stays ip-<address>).")
            .define(IDENTITY_ADDRESS_REFRESH_MS, Type.LONG, Duration.ofHours(1).toMillis(), Range.atLeast(0),
                    Importance.LOW, "A phone still at the same address is written to device.addresses.v1 again at most "
                            + "this often (a new address or MAC is written at once); keep it well below "
                            + IDENTITY_ADDRESS_MAX_AGE_MS + ".")
            .define(PHONES_SILENT_AFTER_MS, Type.LONG, Duration.ofMinutes(15).toMillis(), Range.atLeast(1000),
                    Importance.MEDIUM, "A phone whose last request reached a gateway longer ago than this counts as "
                            + "silent in the metric hookline_processor_phones_silent (this instance's phones, counted "
                            + "every 30 s). Phones send on events only: set it above the longest a healthy phone stays "
                            + "quiet, or have the dispatcher poll them (poll.interval.ms) and set it above a few polls.")
            .define(QUERY_HOST, Type.STRING, "0.0.0.0", Importance.MEDIUM,
                    "Address the query API, health and metrics listen on.")
            .define(QUERY_PORT, Type.INT, 8081, Range.between(0, 65535), Importance.MEDIUM,
                    "Port of the query API (/api/...), health (/health/live, /health/ready) and metrics (/metrics); "
                            + "0 picks a free port.")
            .define(QUERY_ADVERTISED_HOST, Type.STRING, "localhost", Importance.MEDIUM,
                    "Host name other processor instances use to reach this one's query API (Kafka Streams' "
                            + "application.server); set it to this instance's address when several run.")
            .define(QUERY_AUTH_ENABLED, Type.BOOLEAN, true, Importance.HIGH,
                    "Require credentials (HTTP Basic or a bearer token of " + QUERY_USERS_FILE + ") for the query API and "
                            + "the live view; health and metrics stay open. false only on a trusted network (local mode).")
            .define(QUERY_USERS_FILE, Type.STRING, "", Importance.HIGH,
                    "The users and tokens allowed in, one a line: 'user NAME ROLES HASH' or 'token NAME ROLES HASH', "
                            + "ROLES read or read,command, HASH as 'hookline users add' prints it (never the secret itself). "
                            + "Without it every request is refused while " + QUERY_AUTH_ENABLED + " is true.")
            .define(QUERY_INSTANCE_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                    "A secret shared by the processor instances: a request one forwards to another carries it instead of "
                            + "the user's credentials. Unset: forwarded requests carry the user's own.")
            .define(QUERY_TLS_CERT, Type.STRING, "", Importance.MEDIUM,
                    "PEM certificate (chain) of the query port; with " + QUERY_TLS_KEY + ", the port speaks HTTPS only.")
            .define(QUERY_TLS_KEY, Type.STRING, "", Importance.MEDIUM, "PEM private key of " + QUERY_TLS_CERT + ".")
            .define(QUERY_TLS_CA, Type.STRING, "", Importance.LOW,
                    "PEM certificates this instance trusts when it forwards to another over HTTPS; empty: "
                            + QUERY_TLS_CERT + " itself (instances sharing one certificate)."));

    public ProcessorConfig(Map<String, ?> values) {
        super(DEFINITION, values, true);
    }

    /** The value formats of the topics it writes, and the registry, if any. */
    public ValueFormats formats() {
        return FormatConfig.formats(this);
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    public Optional<java.nio.file.Path> vendorDir() {
        String dir = getString(VENDOR_DIR);
        return dir.isBlank() ? Optional.empty() : Optional.of(java.nio.file.Path.of(dir));
    }

    public Duration callTimeout() {
        return Duration.ofMillis(getLong(CALL_TIMEOUT_MS));
    }

    /** The call correlator's settings: the {@code call.*} ones and the reorder window. */
    public CallCorrelator.Config correlator() {
        return new CallCorrelator.Config(getInt(CALL_MAX_OPEN), Duration.ofMillis(getLong(CALL_DUPLICATE_WINDOW_MS)),
                Duration.ofMillis(getLong(CALL_STALE_UNANSWERED_MS)), Duration.ofMillis(getLong(CALL_STALE_ANSWERED_MS)),
                callTimeout(), Duration.ofMillis(getLong(CALL_OFFHOOK_MAX_MS)), reorderWindow());
    }

    public Duration dedupWindow() {
        return Duration.ofMillis(getLong(DEDUP_WINDOW_MS));
    }

    public Duration reorderWindow() {
        return Duration.ofMillis(getLong(REORDER_WINDOW_MS));
    }

    public Duration punctuateInterval() {
        return Duration.ofMillis(getLong(PUNCTUATE_INTERVAL_MS));
    }

    public Duration quietAfter() {
        return Duration.ofMillis(getLong(QUIET_AFTER_MS));
    }

    /** After how long without a request a phone counts as silent ({@code hookline.processor.phones.silent}). */
    public Duration silentAfter() {
        return Duration.ofMillis(getLong(PHONES_SILENT_AFTER_MS));
    }

    public int phoneCacheSize() {
        return getInt(PHONE_CACHE_SIZE);
    }

    /** The address-attribution rules; the reorder window is the tolerance for a request before a phone's arrival. */
    public AddressAttribution addressAttribution() {
        return new AddressAttribution(Duration.ofMillis(getLong(IDENTITY_ADDRESS_MAX_AGE_MS)),
                Duration.ofMillis(getLong(IDENTITY_ADDRESS_REFRESH_MS)), reorderWindow());
    }

    /** Who may use the query API and the live view. */
    public dev.hookline.processor.query.access.AccessSettings access() {
        org.apache.kafka.common.config.types.Password instance = getPassword(QUERY_INSTANCE_TOKEN);
        return new dev.hookline.processor.query.access.AccessSettings(getBoolean(QUERY_AUTH_ENABLED),
                optionalPath(QUERY_USERS_FILE),
                instance == null || instance.value().isEmpty() ? Optional.empty() : Optional.of(instance.value()),
                optionalPath(QUERY_TLS_CERT), optionalPath(QUERY_TLS_KEY), optionalPath(QUERY_TLS_CA));
    }

    private Optional<java.nio.file.Path> optionalPath(String key) {
        String value = getString(key).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(java.nio.file.Path.of(value));
    }

    public Map<String, Object> kafka() {
        return originalsWithPrefix(KAFKA_PREFIX);
    }
}
