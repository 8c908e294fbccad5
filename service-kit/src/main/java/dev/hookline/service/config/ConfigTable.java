package dev.hookline.service.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/** The README's table of a service's settings, made from the same definitions the service uses. */
public final class ConfigTable {

    private ConfigTable() {
    }

    public static String markdown(ConfigDef definition) {
        return markdown(definition, Map.of());
    }

    /**
     * @param shownDefaults how to show defaults computed on the machine that runs the service
     *                      (e.g. "cores"), so the table reads the same everywhere
     */
    public static String markdown(ConfigDef definition, Map<String, String> shownDefaults) {
        StringBuilder table = new StringBuilder("| setting | environment | default | description |\n| --- | --- | --- | --- |\n");
        List<ConfigKey> keys = definition.configKeys().values().stream()
                .sorted(java.util.Comparator.comparing(key -> key.name)).toList();
        for (ConfigKey key : keys) {
            table.append("| `").append(key.name).append("` | `")
                    .append(ConfigSources.ENV_PREFIX).append(key.name.toUpperCase(java.util.Locale.ROOT).replace('.', '_'))
                    .append("` | ").append(shownDefaults.getOrDefault(key.name, defaultText(key))).append(" | ")
                    .append(key.documentation.replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }

    private static String defaultText(ConfigKey key) {
        if (key.type == ConfigDef.Type.PASSWORD) {
            return "(none)";
        }
        Object value = key.defaultValue;
        if (value == null || value.toString().isEmpty()) {
            return "(empty)";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "(empty)" : "`" + list.stream().map(Object::toString).collect(Collectors.joining(",")) + "`";
        }
        return "`" + value + "`";
    }
}
