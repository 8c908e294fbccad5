package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.Sample;
import dev.hookline.testkit.SampleRecords;
import dev.hookline.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** {@code hookline topics create|list} and {@code hookline tail} against a real broker. */
@WithKafka
class TopicsAndTailIT {

    /** Topics of each test under their own prefix, so tests sharing the broker do not collide. */
    private static String uniquePrefix(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    @Test
    void shouldCreateEveryTopicOnceWithTheCatalogueSettings(KafkaBroker kafka) {
        String prefix = uniquePrefix("create");

        CliRun first = CliRun.of("topics", "create", "--partitions", "2",
                "--bootstrap-server", kafka.bootstrapServers(), "--topic-prefix", prefix);
        CliRun again = CliRun.of("topics", "create", "--partitions", "2",
                "--bootstrap-server", kafka.bootstrapServers(), "--topic-prefix", prefix);
        CliRun list = CliRun.of("topics", "list", "--bootstrap-server", kafka.bootstrapServers(), "--topic-prefix", prefix);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out().lines().filter(line -> line.endsWith("created"))).hasSize(Topics.ALL.size());
        assertThat(again.out().lines().filter(line -> line.endsWith("exists"))).hasSize(Topics.ALL.size());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(String.format("%-28s %-10d %-11d %-8s %-9s %s",
                prefix + "phone.raw.v1", 2, 1, "delete", "7d", "device id"));
        assertThat(list.out()).contains(String.format("%-28s %-10d %-11d %-8s %-9s %s",
                prefix + "call.sessions.v1", 2, 1, "delete", "30d", "device id"));
        assertThat(list.out()).contains(String.format("%-28s %-10d %-11d %-8s %-9s %s",
                prefix + "line.status.v1", 2, 1, "compact", "-", "<device id>/<line>"));
    }

    @Test
    void shouldReportMissingTopics(KafkaBroker kafka) {
        CliRun list = CliRun.of("topics", "list", "--bootstrap-server", kafka.bootstrapServers(),
                "--topic-prefix", uniquePrefix("none"));

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains(Topics.ALL.size() + " topic(s) missing: run 'hookline topics create'");
    }

    @Test
    void shouldTailEveryTopicDecodedToJson(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("tail", 1);
        List<Sample<?>> samples = SampleRecords.all();
        try (var producer = new KafkaProducer<>(kafka.producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Sample<?> sample : samples) {
                producer.send(sample.toBytes(prefix)).get();
            }
        }

        for (Sample<?> sample : samples) {
            JsonNode line = tailOne(kafka, prefix, sample.spec().name());
            assertThat(line.get("topic").asText()).isEqualTo(sample.topic(prefix));
            assertThat(line.get("key").asText()).isEqualTo(sample.key());
            assertThat(line.get("partition").asInt()).isZero();
            assertThat(line.get("offset").asLong()).isZero();
            // Through text and back, as the expected value's numbers are parsed like the tailed line's.
            JsonNode expected = AvroJson.MAPPER.readTree(AvroJson.MAPPER.writeValueAsString(AvroJson.toJson(sample.value())));
            assertThat(line.get("value")).as(sample.spec().name()).isEqualTo(expected);
        }
    }

    @Test
    void shouldReportAValueThatCannotBeDecodedInsteadOfSkippingIt(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("bad", 1);
        String topic = Topics.CALL_SESSIONS.name(prefix);
        try (var producer = new KafkaProducer<>(kafka.producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "805ec0a1b2c3".getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }

        JsonNode line = tailOne(kafka, prefix, Topics.CALL_SESSIONS.name());

        assertThat(line.get("value").isNull()).isTrue();
        assertThat(line.get("error").asText()).contains(topic).contains("in none of the formats").contains("first byte 0x6e");
    }

    private static JsonNode tailOne(KafkaBroker kafka, String prefix, String topic) throws Exception {
        CliRun tail = CliRun.of("tail", topic, "--from-beginning", "--max", "1", "--idle-timeout", "PT20S",
                "--bootstrap-server", kafka.bootstrapServers(), "--topic-prefix", prefix);
        assertThat(tail.exitCode()).as(tail.err()).isZero();
        List<String> lines = tail.out().lines().toList();
        assertThat(lines).as("tail of " + topic).hasSize(1);
        return AvroJson.MAPPER.readTree(lines.get(0));
    }
}
