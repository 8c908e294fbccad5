package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.processor.ProcessorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * The compose and Kubernetes files stay in step with the code: every container's arguments parse
 * as a hookline command, every HOOKLINE_* variable names a setting of that service, and the ports
 * the files publish and probe are the ones the services listen on.
 */
class DeploymentFilesTest {

    private static final Path COMPOSE = Path.of("compose.yaml");
    private static final Path KUBERNETES = Path.of("kubernetes");
    private static final YAMLMapper YAML = new YAMLMapper();
    /** Variables every Kafka-facing command reads itself (KafkaOptions). */
    private static final Set<String> COMMON = Set.of("bootstrap.servers", "topic.prefix");

    /** One container as the files describe it. */
    record Container(String where, List<String> args, Map<String, String> env, Map<String, Integer> ports) {
    }

    @Test
    void shouldRunOnlyCommandsThatParse() throws IOException {
        for (Container container : containers()) {
            assertThat(container.args()).as(container.where()).isNotEmpty();
            // Throws on an unknown sub-command or option.
            Hookline.commandLine().parseArgs(container.args().toArray(String[]::new));
        }
    }

    @Test
    void shouldSetOnlySettingsTheServiceHas() throws IOException {
        for (Container container : containers()) {
            ConfigDef definition = definition(container.args().get(0));
            for (String variable : container.env().keySet()) {
                if (!variable.startsWith("HOOKLINE_")) {
                    continue;
                }
                String key = variable.substring("HOOKLINE_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                boolean known = COMMON.contains(key) || key.startsWith("kafka.")
                        || (definition != null && definition.names().contains(key));
                assertThat(known).as(container.where() + ": " + variable + " is no setting of '"
                        + container.args().get(0) + "'").isTrue();
            }
        }
    }

    @Test
    void shouldPublishThePortsTheServicesListenOn() throws IOException {
        Map<String, Map<String, Integer>> expected = Map.of(
                "gateway", Map.of(
                        "phones", (Integer) GatewayConfig.DEFINITION.defaultValues().get(GatewayConfig.HTTP_PORT),
                        "management", (Integer) GatewayConfig.DEFINITION.defaultValues().get(GatewayConfig.MANAGEMENT_PORT)),
                "processor", Map.of(
                        "query", (Integer) ProcessorConfig.DEFINITION.defaultValues().get(ProcessorConfig.QUERY_PORT)),
                "dispatcher", Map.of(
                        "management", (Integer) DispatcherConfig.DEFINITION.defaultValues().get(DispatcherConfig.MANAGEMENT_PORT)));
        int checked = 0;
        for (Container container : containers()) {
            Map<String, Integer> ports = expected.getOrDefault(container.args().get(0), Map.of());
            for (Map.Entry<String, Integer> port : container.ports().entrySet()) {
                assertThat(ports).as(container.where() + " port " + port.getKey()).containsEntry(port.getKey(), port.getValue());
                checked++;
            }
        }
        assertThat(checked).as("ports checked").isGreaterThanOrEqualTo(8);
    }

    @Test
    void shouldListEveryKubernetesFileInTheKustomization() throws IOException {
        JsonNode kustomization = YAML.readTree(KUBERNETES.resolve("kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        kustomization.get("resources").forEach(resource -> listed.add(resource.asText()));
        try (var files = Files.list(KUBERNETES)) {
            assertThat(files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }

    private static ConfigDef definition(String command) {
        return switch (command) {
            case "gateway" -> GatewayConfig.DEFINITION;
            case "processor" -> ProcessorConfig.DEFINITION;
            case "dispatcher" -> DispatcherConfig.DEFINITION;
            default -> null;
        };
    }

    private static List<Container> containers() throws IOException {
        List<Container> containers = new ArrayList<>();
        JsonNode services = YAML.readTree(COMPOSE.toFile()).get("services");
        services.properties().forEach(service -> {
            JsonNode node = service.getValue();
            if (!node.path("image").asText().startsWith("hookline")) {
                return;
            }
            Map<String, String> env = new HashMap<>();
            node.path("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            Map<String, Integer> ports = new HashMap<>();
            String command = node.path("command").path(0).asText();
            for (JsonNode port : node.path("ports")) {
                int inside = Integer.parseInt(port.asText().substring(port.asText().lastIndexOf(':') + 1));
                ports.put(composePortName(command, inside), inside);
            }
            containers.add(new Container("compose " + service.getKey(), strings(node.path("command")), env, ports));
        });
        Map<String, String> configMaps = new HashMap<>();
        List<JsonNode> documents = new ArrayList<>();
        try (var files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class)) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        if ("ConfigMap".equals(doc.path("kind").asText())) {
                            doc.path("data").properties().forEach(e -> configMaps.put(e.getKey(), e.getValue().asText()));
                        }
                        documents.add(doc);
                    }
                }
            }
        }
        for (JsonNode doc : documents) {
            JsonNode pod = doc.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                Map<String, String> env = new HashMap<>(configMaps);
                container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
                Map<String, Integer> ports = new HashMap<>();
                container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
                containers.add(new Container("kubernetes " + doc.path("metadata").path("name").asText(),
                        strings(container.path("args")), env, ports));
            }
        }
        return containers;
    }

    private static String composePortName(String command, int port) {
        return switch (command) {
            case "processor" -> "query";
            case "dispatcher" -> "management";
            default -> port == 8088 ? "management" : "phones";
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
