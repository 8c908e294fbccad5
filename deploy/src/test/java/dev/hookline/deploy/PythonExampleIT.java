package dev.hookline.deploy;

import static dev.hookline.deploy.SessionValues.Format.JSON;
import static dev.hookline.deploy.SessionValues.Format.SINGLE_OBJECT;
import static dev.hookline.deploy.SessionValues.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.deploy.SessionValues.Value;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.Direction;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/python/read_sessions.py, run with Debian's python3 against a real broker, prints the
 * sessions written in Avro single-object encoding and in json, mixed on one topic, field for field
 * as written, the same line for the same session in either format.
 */
@WithKafka
class PythonExampleIT {

    /** Generous: a busy 2-core machine starts Python, joins a group and reads in seconds, not minutes. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
    private static final String LINE = "1001@pbx.example";

    private final CallSession answered = session("s-answered", LINE, Direction.INBOUND, CallOutcome.ANSWERED,
            Instant.parse("2026-12-07T12:30:00.123Z"), 4_000L);
    // On a whole second: Instant.toString() writes no fraction then, and nor must the example.
    private final CallSession missed = session("s-missed", LINE, Direction.INBOUND, CallOutcome.MISSED,
            Instant.parse("2026-12-07T12:00:00Z"), null);
    private final CallSession cancelled = session("s-cancelled", LINE, Direction.OUTBOUND, CallOutcome.CANCELLED,
            Instant.parse("2026-12-07T12:45:10.100Z"), null);

    @BeforeAll
    static void requirePython() throws Exception {
        PythonExamples.requireModules(PythonExamples.KAFKA_MODULES);
    }

    @Test
    void printsEachSessionOfAMixedTopicAsWrittenAndReportsWhatItCannotRead(KafkaBroker kafka) throws Exception {
        String topic = Topics.CALL_SESSIONS.name(kafka.createTopics("py-mixed", 1));
        byte[] unknownSchema = SINGLE_OBJECT.encode(topic, answered);
        for (int i = 0; i < 8; i++) {
            unknownSchema[2 + i] = (byte) (i + 1); // fingerprint 0102030405060708: no .avsc of ours
        }
        byte[] registryFramed = {0, 0, 0, 0, 42, 2, 'x'};
        SessionValues.write(kafka, topic, List.of(
                Value.of(SINGLE_OBJECT, topic, answered),
                Value.of(JSON, topic, answered),
                Value.of(JSON, topic, missed),
                Value.raw(unknownSchema),
                Value.of(SINGLE_OBJECT, topic, missed),
                Value.raw(registryFramed),
                Value.of(SINGLE_OBJECT, topic, cancelled),
                Value.of(JSON, topic, cancelled)));

        ProcessRun run = readSessions(kafka, topic, 8);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).as(run.describe()).hasSize(6);
        List<JsonNode> printed = parse(lines);
        assertThat(printed).containsExactly(SessionValues.jsonNode(answered), SessionValues.jsonNode(answered),
                SessionValues.jsonNode(missed), SessionValues.jsonNode(missed),
                SessionValues.jsonNode(cancelled), SessionValues.jsonNode(cancelled));
        // Either format, the same line for the same session.
        assertThat(lines.get(0)).isEqualTo(lines.get(1));
        assertThat(lines.get(2)).isEqualTo(lines.get(3));
        assertThat(lines.get(4)).isEqualTo(lines.get(5));
        // The fields spelled out, as a reader of the example sees them.
        JsonNode first = printed.get(0);
        assertThat(first.get("sessionId").asText()).isEqualTo("s-answered");
        assertThat(first.get("outcome").asText()).isEqualTo("ANSWERED");
        assertThat(first.get("direction").asText()).isEqualTo("INBOUND");
        assertThat(first.get("startedAt").asText()).isEqualTo("2026-12-07T12:30:00.123Z");
        assertThat(first.get("answeredAt").asText()).isEqualTo("2026-12-07T12:30:04.123Z");
        assertThat(first.get("ringMillis").asLong()).isEqualTo(4_000L);
        JsonNode third = printed.get(2);
        assertThat(third.get("outcome").asText()).isEqualTo("MISSED");
        assertThat(third.get("startedAt").asText()).isEqualTo("2026-12-07T12:00:00Z");
        assertThat(third.get("answeredAt").isNull()).isTrue();
        assertThat(third.get("ringMillis").isNull()).isTrue();
        assertThat(third.get("model").isNull()).isTrue();
        assertThat(printed.get(4).get("startedAt").asText()).isEqualTo("2026-12-07T12:45:10.100Z");
        assertThat(printed.get(4).get("ringingAt").isNull()).isTrue();
        // What it could not read, named on stderr, without stopping.
        assertThat(run.err()).contains(topic + "[0]@3: unknown schema fingerprint 0102030405060708")
                .contains(topic + "[0]@5: Confluent schema-registry framing (schema id 42)")
                .contains("needs a schema-registry client");
    }

    @Test
    void aFormatGivenReadsThatFormatOnly(KafkaBroker kafka) throws Exception {
        String topic = Topics.CALL_SESSIONS.name(kafka.createTopics("py-format", 1));
        SessionValues.write(kafka, topic, List.of(Value.of(SINGLE_OBJECT, topic, answered), Value.of(JSON, topic, missed)));

        ProcessRun json = readSessions(kafka, topic, 2, "--format", "json");
        ProcessRun singleObject = readSessions(kafka, topic, 2, "--format", "avro-single-object");

        assertThat(parse(json.out().lines().toList())).as(json.describe()).containsExactly(SessionValues.jsonNode(missed));
        assertThat(json.err()).contains(topic + "[0]@0: not a JSON value");
        assertThat(parse(singleObject.out().lines().toList())).as(singleObject.describe())
                .containsExactly(SessionValues.jsonNode(answered));
        assertThat(singleObject.err()).contains(topic + "[0]@1: not Avro single-object encoded");
    }

    /** Reads the topic from the beginning until it has read records (all there are). */
    private static ProcessRun readSessions(KafkaBroker kafka, String topic, int records, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--max-records", Integer.toString(records), "--timeout", "90"));
        args.addAll(List.of(options));
        return PythonExamples.run(RUN_LIMIT, "read_sessions.py", args.toArray(String[]::new));
    }

    private static List<JsonNode> parse(List<String> lines) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            nodes.add(AvroJson.MAPPER.readTree(line));
        }
        return nodes;
    }
}
