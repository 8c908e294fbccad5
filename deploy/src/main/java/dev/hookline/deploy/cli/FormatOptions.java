package dev.hookline.deploy.cli;

import dev.hookline.schema.format.FormatConfig;
import dev.hookline.schema.format.ValueFormats;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of commands that write Hookline's topics: the format they write, and the registry. */
public final class FormatOptions {

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Format of the values this command writes: avro-single-object (default), avro-registry "
                    + "(needs --registry-url) or json. Values are read in any format.")
    String format;

    @Mixin
    RegistryOptions registry;

    public ValueFormats formats() {
        Map<String, Object> settings = registry.settings();
        if (format != null) {
            settings.put(FormatConfig.VALUE_FORMAT, format);
        }
        return RegistryOptions.formats(settings);
    }
}
