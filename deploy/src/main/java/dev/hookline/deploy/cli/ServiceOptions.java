package dev.hookline.deploy.cli;

import dev.hookline.service.config.ConfigSources;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Settings of a service: a properties file, then HOOKLINE_* environment variables, then
 * {@code --set key=value} options. Keys are the service's settings (see its README table);
 * keys under {@code kafka.} go to the Kafka clients unchanged.
 */
public final class ServiceOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file with the service's settings.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "One setting, e.g. --set security.token=s3cret --set kafka.security.protocol=SSL.")
    Map<String, String> overrides = new HashMap<>();

    public Path configFile() {
        return configFile;
    }

    /** All settings, with {@code extra} (from dedicated options) taking precedence. */
    public Map<String, Object> values(Map<String, Object> extra) {
        Map<String, Object> explicit = new HashMap<>(overrides);
        explicit.putAll(extra);
        try {
            return ConfigSources.merge(configFile, System.getenv(), explicit);
        } catch (java.io.UncheckedIOException e) {
            throw new dev.hookline.deploy.HooklineException("cannot read " + configFile + " ("
                    + e.getCause().getMessage() + "); check --config", e);
        }
    }
}
