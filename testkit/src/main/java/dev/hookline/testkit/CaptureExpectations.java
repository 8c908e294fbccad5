package dev.hookline.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The matching rules of the public capture's replay check, for tests: expected sessions and line states. */
public final class CaptureExpectations {

    private CaptureExpectations() {
    }

    /**
     * The differences between the records a run produced (JSON objects with topic, key and value)
     * and the expected sessions and final line states; empty when they match.
     */
    public static List<String> check(JsonNode expected, List<? extends JsonNode> output) {
        long tolerance = expected.path("tolerance_ms").asLong(1500);
        java.util.Set<String> devices = new java.util.HashSet<>();
        expected.get("sessions").forEach(s -> devices.add(s.get("deviceId").asText()));
        expected.get("lines").forEach(l -> devices.add(l.get("deviceId").asText()));
        List<JsonNode> sessions = new ArrayList<>();
        Map<String, JsonNode> lines = new HashMap<>();
        for (JsonNode record : output) {
            JsonNode value = record.get("value");
            if (value == null || !value.isObject() || !devices.contains(value.path("deviceId").asText())) {
                continue;
            }
            String topic = record.get("topic").asText();
            if (topic.startsWith("call.sessions")) {
                sessions.add(value);
            } else if (topic.startsWith("line.status")) {
                lines.put(value.get("deviceId").asText() + "/" + value.path("line").asText().split("@")[0], value);
            }
        }
        List<String> failures = new ArrayList<>();
        for (JsonNode want : expected.get("sessions")) {
            JsonNode match = null;
            for (JsonNode got : sessions) {
                if (!got.path("deviceId").asText().equals(want.get("deviceId").asText())
                        || !got.path("direction").asText().equals(want.get("direction").asText())
                        || !got.path("remoteUser").asText().equals(want.get("remoteUser").asText())
                        || !got.path("outcome").asText().equals(want.get("outcome").asText())) {
                    continue;
                }
                boolean durationsMatch = true;
                for (String field : List.of("ringMillis", "talkMillis", "holdMillis")) {
                    if (want.has(field) && (got.path(field).isNull() || got.path(field).isMissingNode()
                            || Math.abs(got.get(field).asLong() - want.get(field).asLong()) > tolerance)) {
                        durationsMatch = false;
                    }
                }
                if (durationsMatch) {
                    match = got;
                    break;
                }
            }
            if (match == null) {
                failures.add("missing session " + want);
            } else {
                sessions.remove(match);
            }
        }
        sessions.forEach(extra -> failures.add("unexpected session " + extra));
        for (JsonNode want : expected.get("lines")) {
            JsonNode got = lines.get(want.get("deviceId").asText() + "/" + want.get("lineUser").asText());
            if (got == null) {
                failures.add("no line.status for " + want);
                continue;
            }
            for (String field : List.of("registration", "availability")) {
                if (!want.get(field).isNull() && !want.get(field).asText().equals(got.path(field).asText())) {
                    failures.add("line " + want + ": " + field + " is " + got.path(field).asText());
                }
            }
        }
        return failures;
    }
}
