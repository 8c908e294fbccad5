package dev.hookline.service.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings a service runs with, as one log line, secrets masked: typed passwords, and any
 * pass-through Kafka setting whose name suggests a secret (SASL JAAS config, key passwords, ...).
 */
public final class EffectiveConfig {

    private static final Pattern SECRET = Pattern.compile("password|secret|jaas|token|credential|key\\.pem|keystore\\.key");
    static final String MASK = "[hidden]";

    private EffectiveConfig() {
    }

    public static String describe(AbstractConfig config, String passThroughPrefix) {
        Map<String, Object> shown = new TreeMap<>();
        config.values().forEach((key, value) -> shown.put(key, mask(key, value)));
        config.originalsWithPrefix(passThroughPrefix, false)
                .forEach((key, value) -> shown.put(key, mask(key, value)));
        return shown.toString();
    }

    static Object mask(String key, Object value) {
        if (value instanceof Password) {
            return MASK;
        }
        return SECRET.matcher(key.toLowerCase(Locale.ROOT)).find() && value != null ? MASK : value;
    }
}
