package dev.hookline.service.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where a service's settings come from, lowest precedence first: an optional properties file,
 * then environment variables {@code HOOKLINE_<KEY>} (upper case, dots as underscores, e.g.
 * {@code HOOKLINE_HTTP_PORT} for {@code http.port}, {@code HOOKLINE_KAFKA_BOOTSTRAP_SERVERS} for
 * {@code kafka.bootstrap.servers}), then explicit overrides (command-line options).
 */
public final class ConfigSources {

    static final String ENV_PREFIX = "HOOKLINE_";

    private ConfigSources() {
    }

    public static Map<String, Object> merge(Path file, Map<String, String> env, Map<String, ?> overrides) {
        Map<String, Object> values = new HashMap<>();
        if (file != null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the config file " + file, e);
            }
            props.forEach((key, value) -> values.put(key.toString(), value.toString().trim()));
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                values.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        values.putAll(overrides);
        return values;
    }
}
