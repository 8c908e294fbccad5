package dev.hookline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Grafana dashboard and Prometheus alert rules of {@code deploy/monitoring/}, read as the
 * tools read them: every PromQL expression with where it stands, and what makes either file
 * unfit to ship (a data source pinned to one Grafana, a panel without a title, an alert that
 * fires on one bad scrape or tells nobody what it means).
 */
final class MonitoringFiles {

    static final Path DASHBOARD = Path.of("monitoring", "hookline-dashboard.json");
    static final Path ALERTS = Path.of("monitoring", "alerts.yaml");

    private final JsonNode dashboard;
    private final JsonNode alerts;

    private MonitoringFiles(JsonNode dashboard, JsonNode alerts) {
        this.dashboard = dashboard;
        this.alerts = alerts;
    }

    /** Reads both files from {@code dir} (the deploy module's folder, the tests' working directory). */
    static MonitoringFiles read(Path dir) throws IOException {
        return new MonitoringFiles(new ObjectMapper().readTree(dir.resolve(DASHBOARD).toFile()),
                new YAMLMapper().readTree(dir.resolve(ALERTS).toFile()));
    }

    /** Every PromQL expression of both files, by where it stands ("panel 'X' A", "alert Y"). */
    Map<String, String> expressions() {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    out.put("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                            target.path("expr").asText());
                }
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                out.put("variable " + variable.path("name").asText(),
                        query.isObject() ? query.path("query").asText() : query.asText());
            }
        }
        for (JsonNode rule : rules()) {
            out.put("alert " + rule.path("alert").asText(), rule.path("expr").asText());
        }
        return out;
    }

    /** Each metric name the expressions read, with the places that read it. */
    Map<String, Set<String>> queriedNames() {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        expressions().forEach((where, expr) -> PromQlNames.of(expr)
                .forEach(name -> names.computeIfAbsent(name, k -> new TreeSet<>()).add(where)));
        return names;
    }

    /** What is wrong with the dashboard, one line each; empty when nothing is. */
    List<String> dashboardProblems() {
        List<String> problems = new ArrayList<>();
        if (!dashboard.path("templating").path("list").findValuesAsText("name").contains("datasource")) {
            problems.add("no ${datasource} variable");
        }
        for (JsonNode datasource : dashboard.findValues("datasource")) {
            String uid = datasource.isObject() ? datasource.path("uid").asText("") : datasource.asText("");
            if (!uid.isEmpty() && !uid.startsWith("$")) {
                problems.add("a data source with a fixed uid: " + datasource);
            }
        }
        for (JsonNode panel : panels()) {
            if (panel.path("title").asText("").isBlank()) {
                problems.add("a panel without a title: id " + panel.path("id"));
            }
            if (!panel.path("type").asText().equals("row") && !panel.has("targets")) {
                problems.add("panel '" + panel.path("title").asText() + "' queries nothing");
            }
        }
        String text = dashboard.toString();
        if (text.contains("http://") || text.contains("https://")) {
            problems.add("a link to the internet");
        }
        return problems;
    }

    /** What is wrong with the alert rules, one line each; empty when nothing is. */
    List<String> alertProblems() {
        List<String> problems = new ArrayList<>();
        if (rules().isEmpty()) {
            problems.add("no rules under groups[].rules");
        }
        for (JsonNode rule : rules()) {
            String name = rule.path("alert").asText("(no name)");
            if (rule.path("expr").asText("").isBlank()) {
                problems.add(name + ": no expr");
            }
            if (rule.path("for").asText("").isBlank()) {
                problems.add(name + ": no for");
            }
            if (rule.path("labels").path("severity").asText("").isBlank()) {
                problems.add(name + ": no labels.severity");
            }
            if (rule.path("annotations").path("summary").asText("").isBlank()) {
                problems.add(name + ": no annotations.summary");
            }
            if (rule.path("annotations").path("description").asText("").isBlank()) {
                problems.add(name + ": no annotations.description");
            }
        }
        return problems;
    }

    /** Every panel, those inside rows (collapsed or not) included. */
    private List<JsonNode> panels() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            out.add(panel);
            panel.path("panels").forEach(out::add);
        }
        return out;
    }

    private List<JsonNode> rules() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode group : alerts.path("groups")) {
            group.path("rules").forEach(out::add);
        }
        return out;
    }
}
