package dev.hookline.gateway.config;

import dev.hookline.schema.format.FormatConfig;
import dev.hookline.schema.format.ValueFormats;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * The gateway's settings, each defined once with its type, default, validation and
 * description (Kafka's {@link ConfigDef}): a bad value fails at start naming the setting, and
 * the values are logged once at start with secrets ({@link Type#PASSWORD}) masked.
 * Settings under {@code kafka.} go to the Kafka producer unchanged (SASL, SSL, ...).
 */
public final class GatewayConfig extends AbstractConfig {

    public static final String GATEWAY_ID = "gateway.id";
    public static final String TENANT = "tenant";
    public static final String TENANT_FROM_PATH = "tenant.from.path";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String VENDOR_DIR = "vendors.dir";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_PATH_PREFIX = "http.path.prefix";
    public static final String HTTP_MAX_URI_LENGTH = "http.max.uri.length";
    public static final String HTTP_MAX_HEADER_BYTES = "http.max.header.bytes";
    public static final String HTTP_MAX_BODY_BYTES = "http.max.body.bytes";
    public static final String HTTP_RESPONSE_TIMEOUT_MS = "http.response.timeout.ms";
    public static final String HTTP_REQUEST_TIMEOUT_MS = "http.request.timeout.ms";
    public static final String HTTP_IDLE_TIMEOUT_S = "http.idle.timeout.s";
    public static final String HTTP_TLS_CERT_PATH = "http.tls.cert.path";
    public static final String HTTP_TLS_KEY_PATH = "http.tls.key.path";
    public static final String HTTP_INSTANCES = "http.instances";
    public static final String HEADERS_ALLOWED = "headers.allowed";
    public static final String HEADERS_MAX_VALUE_LENGTH = "headers.max.value.length";
    public static final String SECURITY_TOKEN = "security.token";
    public static final String SECURITY_ALLOWED_CIDRS = "security.allowed.cidrs";
    public static final String SECURITY_RATE_LIMIT = "security.rate.limit.per.second";
    public static final String SECURITY_RATE_BURST = "security.rate.limit.burst";
    public static final String SECURITY_ADDRESS_RATE_LIMIT = "security.address.rate.limit.per.second";
    public static final String SECURITY_ADDRESS_RATE_BURST = "security.address.rate.limit.burst";
    public static final String PUBLISH_TIMEOUT_MS = "publish.timeout.ms";
    public static final String MANAGEMENT_HOST = "management.host";
    public static final String MANAGEMENT_PORT = "management.port";
    public static final String CAPTURE_PATH = "capture.path";
    public static final String SPOOL_DIR = "spool.dir";
    public static final String SPOOL_MAX_BYTES = "spool.max.bytes";
    public static final String KAFKA_PREFIX = "kafka.";

    public static final ConfigDef DEFINITION = FormatConfig.define(new ConfigDef()
            .define(GATEWAY_ID, Type.STRING, "", Importance.MEDIUM,
                    "Id of this gateway instance, stamped on every record (default: the host name).")
            .define(TENANT, Type.STRING, "", Importance.MEDIUM,
                    "Tenant or site tag stamped on every record (empty: none).")
            .define(TENANT_FROM_PATH, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Take the tenant tag from the first path segment after " + HTTP_PATH_PREFIX
                            + " (e.g. /acme/yealink/off_hook gives acme); the path is stored unchanged.")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.MEDIUM, "Prefix in front of every topic name.")
            .define(VENDOR_DIR, Type.STRING, "", Importance.MEDIUM,
                    "A folder of vendor files (<vendor>.json) that add vendors or override the built-in ones.")
            .define(HTTP_HOST, Type.STRING, "0.0.0.0", Importance.HIGH, "Address phones connect to.")
            .define(HTTP_PORT, Type.INT, 8080, Range.between(0, 65535), Importance.HIGH,
                    "Port phones connect to (0: any free port).")
            .define(HTTP_PATH_PREFIX, Type.STRING, "/", Importance.MEDIUM,
                    "Only requests under this path are accepted; others get 404.")
            .define(HTTP_MAX_URI_LENGTH, Type.INT, 2048, Range.between(64, 65536), Importance.MEDIUM,
                    "Longest request target accepted; longer ones get 414.")
            .define(HTTP_MAX_HEADER_BYTES, Type.INT, 8192, Range.between(256, 1 << 20), Importance.LOW,
                    "Largest header section accepted; larger ones get 431.")
            .define(HTTP_MAX_BODY_BYTES, Type.INT, 65536, Range.between(0, 16 << 20), Importance.LOW,
                    "Largest POST body accepted; larger ones get 413.")
            .define(HTTP_RESPONSE_TIMEOUT_MS, Type.LONG, 2000L, Range.atLeast(100), Importance.MEDIUM,
                    "A phone gets an answer within this time, 503 when its request could not be stored in it.")
            .define(HTTP_REQUEST_TIMEOUT_MS, Type.LONG, 10000L, Range.atLeast(100), Importance.LOW,
                    "Time a client has to send a whole request; slower ones get 408 (slow-loris guard).")
            .define(HTTP_IDLE_TIMEOUT_S, Type.INT, 60, Range.atLeast(1), Importance.LOW,
                    "Idle keep-alive connections are closed after this many seconds.")
            .define(HTTP_TLS_CERT_PATH, Type.STRING, "", Importance.MEDIUM,
                    "PEM certificate (chain) for HTTPS; with " + HTTP_TLS_KEY_PATH + " it turns HTTPS on.")
            .define(HTTP_TLS_KEY_PATH, Type.STRING, "", Importance.MEDIUM, "PEM private key for HTTPS.")
            .define(HTTP_INSTANCES, Type.INT, Runtime.getRuntime().availableProcessors(), Range.atLeast(1),
                    Importance.LOW, "Event loops serving phones (default: one per core).")
            .define(HEADERS_ALLOWED, Type.LIST, List.of("Host", "Content-Type", "X-Forwarded-For", "Accept-Language"),
                    Importance.LOW, "Headers kept in the record besides User-Agent (others are dropped).")
            .define(HEADERS_MAX_VALUE_LENGTH, Type.INT, 512, Range.atLeast(16), Importance.LOW,
                    "Longer kept header values are cut to this length.")
            .define(SECURITY_TOKEN, Type.PASSWORD, null, Importance.HIGH,
                    "Shared token phones must send (query parameter token=... or path segment token=...); "
                            + "empty: none. Never stored or logged.")
            .define(SECURITY_ALLOWED_CIDRS, Type.LIST, List.of(), Importance.HIGH,
                    "Source networks allowed, e.g. 10.0.0.0/8,2001:db8::/32 (empty: any, with a warning at start).")
            .define(SECURITY_RATE_LIMIT, Type.DOUBLE, 20.0, Range.atLeast(0), Importance.MEDIUM,
                    "Requests per second allowed per phone, told apart by its MAC (0: no limit); past it 429. "
                            + "A phone sends a handful per call, so only a phone in a loop reaches 20/s. "
                            + "Requests that name no MAC are limited per address only (" + SECURITY_ADDRESS_RATE_LIMIT + ").")
            .define(SECURITY_RATE_BURST, Type.INT, 50, Range.atLeast(1), Importance.LOW,
                    "Requests one phone may send at once before its rate limit applies "
                            + "(50: room for a phone with many lines registering them all at boot).")
            .define(SECURITY_ADDRESS_RATE_LIMIT, Type.DOUBLE, 500.0, Range.atLeast(0), Importance.MEDIUM,
                    "Requests per second allowed per source address, all its phones together (0: no limit); past it 429. "
                            + "A flood guard: a site behind NAT or a proxy sends all its phones' requests from one address. "
                            + "1,000 phones re-registering after a power cut (3 requests each within 60 s) average 50/s; "
                            + "500/s is ten times that and refills the burst in 10 s.")
            .define(SECURITY_ADDRESS_RATE_BURST, Type.INT, 5000, Range.atLeast(1), Importance.LOW,
                    "Requests one source address may send at once before its rate limit applies: 1,000 phones "
                            + "booting together send their 3,000 registration requests at once; 5,000 leaves room for more.")
            .define(PUBLISH_TIMEOUT_MS, Type.LONG, 1000L, Range.atLeast(10), Importance.MEDIUM,
                    "How long to wait for Kafka's acknowledgement before the request goes to the spool "
                            + "(at most half of " + HTTP_RESPONSE_TIMEOUT_MS + ").")
            .define(SPOOL_DIR, Type.STRING, "hookline-spool", Importance.HIGH,
                    "Folder of the on-disk spool that keeps requests while Kafka is unreachable or slow; "
                            + "keep it on a persistent disk.")
            .define(SPOOL_MAX_BYTES, Type.LONG, 1L << 30, Range.atLeast(1 << 20), Importance.MEDIUM,
                    "Most bytes the spool holds; past it phones get 503 with Retry-After.")
            .define(CAPTURE_PATH, Type.STRING, "", Importance.LOW,
                    "Also append every stored request to this file in the capture format (empty: off).")
            .define(MANAGEMENT_HOST, Type.STRING, "0.0.0.0", Importance.MEDIUM, "Address of the management port.")
            .define(MANAGEMENT_PORT, Type.INT, 8088, Range.between(0, 65535), Importance.MEDIUM,
                    "Port of /health/live, /health/ready, /metrics and /provisioning (0: any free port)."));

    public GatewayConfig(Map<String, ?> values) {
        super(DEFINITION, values, true);
    }

    public String gatewayId() {
        String id = getString(GATEWAY_ID);
        if (!id.isBlank()) {
            return id;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "gateway";
        }
    }

    public Optional<String> tenant() {
        return Optional.of(getString(TENANT)).filter(tenant -> !tenant.isBlank());
    }

    /** The value format of phone.raw.v1 and the registry, if any. */
    public ValueFormats formats() {
        return FormatConfig.formats(this);
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    /** The user's folder of vendor descriptors, when {@value #VENDOR_DIR} names one. */
    public Optional<java.nio.file.Path> vendorDir() {
        String dir = getString(VENDOR_DIR);
        return dir.isBlank() ? Optional.empty() : Optional.of(java.nio.file.Path.of(dir));
    }

    public Optional<String> token() {
        Password token = getPassword(SECURITY_TOKEN);
        return token == null || token.value().isEmpty() ? Optional.empty() : Optional.of(token.value());
    }

    public String pathPrefix() {
        String prefix = getString(HTTP_PATH_PREFIX);
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    public Duration responseTimeout() {
        return Duration.ofMillis(getLong(HTTP_RESPONSE_TIMEOUT_MS));
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getLong(HTTP_REQUEST_TIMEOUT_MS));
    }

    public Duration publishTimeout() {
        return Duration.ofMillis(getLong(PUBLISH_TIMEOUT_MS));
    }

    /** The Kafka producer's settings, as given under {@code kafka.}. */
    public Map<String, Object> kafka() {
        return originalsWithPrefix(KAFKA_PREFIX);
    }

    /** The README's settings table (the number of event loops defaults to the machine's cores). */
    public static String settingsTable() {
        return dev.hookline.service.config.ConfigTable.markdown(DEFINITION, java.util.Map.of(HTTP_INSTANCES, "cores"));
    }
}
