package dev.hookline.schema.format;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The value-format and schema-registry settings, the same on every service that writes or reads
 * Hookline's topics; each service adds them to its own {@link ConfigDef}.
 */
public final class FormatConfig {

    public static final String VALUE_FORMAT = "value.format";
    public static final String VALUE_FORMAT_TOPICS = "value.format.topics";
    public static final String REGISTRY_URL = "registry.url";
    public static final String REGISTRY_USER_INFO = "registry.basic.auth.user.info";
    public static final String REGISTRY_CA = "registry.ssl.ca.location";
    public static final String REGISTRY_AUTO_REGISTER = "registry.auto.register";
    public static final String REGISTRY_TIMEOUT_MS = "registry.request.timeout.ms";

    private FormatConfig() {
    }

    /** Adds the format settings to a service's definition and returns it. */
    public static ConfigDef define(ConfigDef definition) {
        return definition
                .define(VALUE_FORMAT, Type.STRING, ValueFormat.AVRO_SINGLE_OBJECT.id(),
                        ConfigDef.ValidString.in(Arrays.stream(ValueFormat.values()).map(ValueFormat::id).toArray(String[]::new)),
                        Importance.HIGH, "The format of the values this service writes to every topic: avro-single-object "
                                + "(Avro with its schema's fingerprint, no registry), avro-registry (the Confluent wire format, "
                                + "needs registry.url) or json. Values are read in any format.")
                .define(VALUE_FORMAT_TOPICS, Type.LIST, "", FormatConfig::validateTopics, Importance.MEDIUM,
                        "Formats of single topics, overriding value.format: topic=format pairs, comma separated, topic "
                                + "names without the prefix, e.g. call.sessions.v1=json.")
                .define(REGISTRY_URL, Type.STRING, "", Importance.MEDIUM,
                        "Base URL of a Confluent-compatible schema registry (Confluent, Karapace, Redpanda, Apicurio's "
                                + "/apis/ccompat/v7). Needed to write avro-registry, and to read it.")
                .define(REGISTRY_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                        "user:password for the registry's HTTP Basic authentication; never logged.")
                .define(REGISTRY_CA, Type.STRING, "", Importance.LOW,
                        "A PEM file of the certificates to trust for an https registry URL; empty: the JVM's.")
                .define(REGISTRY_AUTO_REGISTER, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Register the schemas of the topics this service writes under <topic>-value at start; false: "
                                + "they must already be registered (e.g. by hookline topics register), or the start fails.")
                .define(REGISTRY_TIMEOUT_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(100), Importance.LOW,
                        "Time limit of one request to the registry.");
    }

    /** The formats the settings describe. */
    public static ValueFormats formats(AbstractConfig config) {
        try {
            return ValueFormats.of(ValueFormat.parse(config.getString(VALUE_FORMAT)),
                    topicFormats(config.getList(VALUE_FORMAT_TOPICS)), registry(config));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The registry settings, empty when registry.url is not set. */
    public static Optional<RegistrySettings> registry(AbstractConfig config) {
        String url = config.getString(REGISTRY_URL).trim();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(REGISTRY_URL, "(not shown)", "not a URL: " + e.getReason());
        }
        Password userInfo = config.getPassword(REGISTRY_USER_INFO);
        String ca = config.getString(REGISTRY_CA).trim();
        return Optional.of(new RegistrySettings(uri,
                Optional.ofNullable(userInfo).map(Password::value).filter(value -> !value.isEmpty()),
                ca.isEmpty() ? Optional.empty() : Optional.of(Path.of(ca)),
                config.getBoolean(REGISTRY_AUTO_REGISTER), Duration.ofMillis(config.getLong(REGISTRY_TIMEOUT_MS))));
    }

    static Map<String, ValueFormat> topicFormats(List<String> pairs) {
        Map<String, ValueFormat> formats = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException(VALUE_FORMAT_TOPICS + ": '" + pair + "' is not topic=format");
            }
            formats.put(parts[0].trim(), ValueFormat.parse(parts[1]));
        }
        return formats;
    }

    private static void validateTopics(String name, Object value) {
        try {
            @SuppressWarnings("unchecked")
            List<String> pairs = (List<String>) value;
            ValueFormats.of(ValueFormat.JSON, topicFormats(pairs), Optional.of(RegistrySettings.at(URI.create("http://check"))));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }
}
