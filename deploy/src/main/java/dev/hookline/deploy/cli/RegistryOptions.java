package dev.hookline.deploy.cli;

import dev.hookline.schema.format.FormatConfig;
import dev.hookline.schema.format.ValueFormats;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Option;

/**
 * The schema registry options of the commands that read Hookline's topics: values of every
 * format are read, and avro-registry ones need the registry they were written with.
 */
public final class RegistryOptions {

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "A Confluent-compatible schema registry, to read (and write) avro-registry values.")
    String registryUrl;

    @Option(names = "--registry-config", paramLabel = "FILE",
            description = "A properties file with the registry's other settings (registry.basic.auth.user.info, "
                    + "registry.ssl.ca.location, ...), so that no credential is on the command line.")
    Path registryConfig;

    /** The settings these options stand for, as the services take them. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        if (registryConfig != null) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(registryConfig)) {
                file.load(in);
            } catch (IOException e) {
                throw new ConfigException("cannot read --registry-config " + registryConfig + ": " + e.getMessage());
            }
            file.stringPropertyNames().forEach(key -> settings.put(key, file.getProperty(key)));
        }
        if (registryUrl != null) {
            settings.put(FormatConfig.REGISTRY_URL, registryUrl);
        }
        return settings;
    }

    public ValueFormats formats() {
        return formats(settings());
    }

    /** The formats of settings as the services would take them (the registry options' and any others). */
    static ValueFormats formats(Map<String, Object> settings) {
        return FormatConfig.formats(new AbstractConfig(FormatConfig.define(new ConfigDef()), settings, false));
    }
}
