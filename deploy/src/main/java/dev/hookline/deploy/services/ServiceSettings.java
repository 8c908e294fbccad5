package dev.hookline.deploy.services;

import dev.hookline.deploy.HooklineException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigException;

/** Builds a service's typed config, turning a bad setting into a message that names it. */
public final class ServiceSettings {

    private ServiceSettings() {
    }

    public static <C> C load(Function<Map<String, Object>, C> constructor, Map<String, Object> values, Path file) {
        try {
            return constructor.apply(values);
        } catch (ConfigException e) {
            throw new HooklineException("bad setting: " + e.getMessage()
                    + (file == null ? "" : " (in " + file + ", the environment or the options)"), e);
        } catch (UncheckedIOException e) {
            throw new HooklineException(e.getMessage() + " (" + e.getCause().getMessage() + "); check --config", e);
        }
    }
}
