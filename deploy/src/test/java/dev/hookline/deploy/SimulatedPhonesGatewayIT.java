package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.deploy.sim.ProvisionedVendors;
import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import dev.hookline.testkit.sim.PhoneFleet;
import dev.hookline.testkit.sim.SentRequest;
import dev.hookline.testkit.sim.SimulationReport;
import dev.hookline.testkit.sim.SimulationSettings;
import dev.hookline.testkit.sim.Simulator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 simulated phones of every vendor against the real gateway and broker for a few seconds:
 * every request a phone got 200 for is on phone.raw.v1, keyed by that phone's MAC, with that
 * phone's own source address.
 */
@WithKafka
class SimulatedPhonesGatewayIT {

    @TempDir
    Path temp;

    @Test
    void shouldStoreEveryAcknowledgedRequestUnderThePhonesMacWithItsOwnAddress(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("simulated", 3);
        Map<String, Object> values = new HashMap<>();
        values.put(GatewayConfig.HTTP_HOST, "127.0.0.1");
        values.put(GatewayConfig.HTTP_PORT, 0);
        values.put(GatewayConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(GatewayConfig.MANAGEMENT_PORT, 0);
        values.put(GatewayConfig.SPOOL_DIR, temp.resolve("spool").toString());
        values.put(GatewayConfig.TOPIC_PREFIX, prefix);
        values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        SimulationReport report;
        PhoneFleet fleet;
        try (IngestGateway gateway = new IngestGateway(new GatewayConfig(values)).start()) {
            SimulationSettings settings = SimulationSettings.builder(ProvisionedVendors.templates(
                            ProvisionedVendors.all(), "http://127.0.0.1:" + gateway.phonePort(), Optional.empty()))
                    .phones(50).callsPerSecond(10).duration(Duration.ofSeconds(4)).timeScale(0.02).seed(5).build();
            try (Simulator simulator = Simulator.start(settings)) {
                report = simulator.awaitCompletion(Duration.ofSeconds(60));
                fleet = simulator.fleet();
            }
        }

        assertThat(report.complete()).isTrue();
        assertThat(report.calls()).isGreaterThan(10);
        List<SentRequest> acknowledged = report.requests().stream().filter(SentRequest::acknowledged).toList();
        assertThat(acknowledged).hasSizeGreaterThan(150).hasSize((int) report.sent());
        List<String> wanted = new ArrayList<>();
        for (SentRequest sent : acknowledged) {
            URI uri = URI.create(sent.url());
            wanted.add(fleet.phone(sent.phone()).deviceId() + " " + sent.source() + " " + uri.getRawPath() + "?"
                    + uri.getRawQuery());
        }
        List<String> stored = readRaw(kafka, prefix, wanted.size(), Duration.ofSeconds(60));
        assertThat(stored).containsExactlyInAnyOrderElementsOf(wanted);
    }

    /** "key source path?query" of every record on phone.raw.v1, read until {@code count} are there. */
    private static List<String> readRaw(KafkaBroker kafka, String prefix, int count, Duration timeout) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, RawPhoneRequest> consumer = new KafkaConsumer<>(kafka.consumerProps("sim-it"),
                Topics.PHONE_RAW.keySerde().deserializer(), Topics.PHONE_RAW.valueSerde().deserializer())) {
            String topic = Topics.PHONE_RAW.name(prefix);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (seen.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, RawPhoneRequest> record : consumer.poll(Duration.ofMillis(500))) {
                    RawPhoneRequest r = record.value();
                    seen.add(record.key() + " " + r.getSourceAddress() + " " + r.getPath() + "?" + r.getQuery());
                }
            }
            // A moment more: anything stored twice would show now.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> seen.add(record.key() + " "
                    + record.value().getSourceAddress() + " " + record.value().getPath() + "?" + record.value().getQuery()));
        }
        return seen;
    }
}
