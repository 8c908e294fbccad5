package dev.hookline.processor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phone whose call requests carry no MAC, on a broker with 4 partitions: its MAC-carrying
 * registration and its MAC-less call requests are on different partitions of phone.raw.v1, yet
 * the calls become that MAC's sessions; a second MAC at the address takes over; a mapping older
 * than the maximum age is not used; and after a restart (same state folder, a new instance) the
 * address still belongs to its phone from the first request on.
 */
@WithKafka
class AddressAttributionIT {

    private static final int PARTITIONS = 4;
    private static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private String prefix;
    private String applicationId;
    private int requests;

    @Test
    void shouldGiveRequestsWithoutAMacToThePhoneLastSeenWithOneAtTheirAddressAcrossPartitionsAndRestarts(
            KafkaBroker kafka) throws Exception {
        prefix = kafka.createTopics("attribution", PARTITIONS);
        applicationId = "attribution-it-" + prefix.replace(".", "");
        String address = null;
        String first = null;
        String second = null;
        // Keys chosen so that the MAC-less requests' partition is neither phone's.
        outer:
        for (int host = 1; host < 250; host++) {
            String candidate = "10.9.0." + host;
            for (int n = 1; n < 250; n += 2) {
                String a = String.format("805ec0b4%04x", n);
                String b = String.format("805ec0b4%04x", n + 1);
                int at = partition("ip-" + candidate);
                if (partition(a) != at && partition(b) != at) {
                    address = candidate;
                    first = a;
                    second = b;
                    break outer;
                }
            }
        }
        assertThat(address).isNotNull();
        String oldAddress = "10.9.1.1";
        String oldPhone = "805ec0b4ffff";

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(),
                new ByteArraySerializer())) {
            StreamProcessorApp processor = new StreamProcessorApp(config(kafka)).start(WAIT);
            try {
                Instant now = Instant.now();
                send(producer, first, address, "registered", "local=sip:1001@pbx", now);
                awaitAttributed(kafka, producer, address, first);
                calls(producer, address, "first-", 3);
                awaitSessions(kafka, "first-", 3, first);

                // Another phone gets the address: the newest MAC wins.
                send(producer, second, address, "registered", "local=sip:1002@pbx", Instant.now());
                awaitAttributed(kafka, producer, address, second);
                calls(producer, address, "second-", 3);
                awaitSessions(kafka, "second-", 3, second);

                // A phone seen 20 minutes ago, longer than the maximum age: the address keeps its requests.
                Instant longAgo = Instant.now().minus(Duration.ofMinutes(20));
                send(producer, oldPhone, oldAddress, "registered", "local=sip:1003@pbx", longAgo);
                // A request from then is still the phone's: the mapping is in every instance's book.
                awaitAttributed(kafka, producer, oldAddress, oldPhone, longAgo.plusSeconds(60));
                calls(producer, oldAddress, "old-", 2);
                awaitSessions(kafka, "old-", 2, "ip-" + oldAddress);
            } finally {
                processor.close();
            }

            // A new instance on the same state folder: the book is there before the first request.
            processor = new StreamProcessorApp(config(kafka)).start(WAIT);
            try {
                calls(producer, address, "restarted-", 3);
                awaitSessions(kafka, "restarted-", 3, second);
            } finally {
                processor.close();
            }
        }

        // The MAC's sessions were written by the MAC's partition, its MAC-less requests read from another.
        List<ConsumerRecord<String, RawPhoneRequest>> raw = records(kafka, Topics.PHONE_RAW);
        String addressKey = "ip-" + address;
        String firstPhone = first;
        int addressPartition = raw.stream().filter(r -> r.key().equals(addressKey)).findFirst().orElseThrow().partition();
        int firstPartition = raw.stream().filter(r -> r.key().equals(firstPhone)).findFirst().orElseThrow().partition();
        assertThat(addressPartition).isNotEqualTo(firstPartition);
        assertThat(records(kafka, Topics.CALL_SESSIONS)).filteredOn(r -> r.key().equals(firstPhone))
                .extracting(ConsumerRecord::partition).containsOnly(firstPartition);
    }

    /** Sends requests without a MAC from the address until one of them is the phone's: the book has it. */
    private void awaitAttributed(KafkaBroker kafka, KafkaProducer<String, byte[]> producer, String address, String phone) {
        awaitAttributed(kafka, producer, address, phone, null);
    }

    private void awaitAttributed(KafkaBroker kafka, KafkaProducer<String, byte[]> producer, String address, String phone,
                                 Instant at) {
        List<String> probes = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            probes.add(send(producer, null, address, "dnd_off", "", at == null ? Instant.now() : at));
            return records(kafka, Topics.PHONE_EVENTS).stream()
                    .anyMatch(r -> r.key().equals(phone) && probes.stream().anyMatch(r.value().getEventId()::startsWith));
        });
    }

    private void calls(KafkaProducer<String, byte[]> producer, String address, String prefixOfCalls, int count) {
        for (int n = 0; n < count; n++) {
            String call = prefixOfCalls + n;
            Instant at = Instant.now();
            send(producer, null, address, "incoming_call", "remote=sip:2002@pbx&call_id=" + call, at);
            send(producer, null, address, "call_established", "call_id=" + call, at.plusMillis(500));
            send(producer, null, address, "call_terminated", "call_id=" + call, at.plusMillis(1500));
        }
        producer.flush();
    }

    private void awaitSessions(KafkaBroker kafka, String prefixOfCalls, int count, String device) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ConsumerRecord<String, CallSession>> sessions = records(kafka, Topics.CALL_SESSIONS).stream()
                    .filter(r -> r.value().getCallId() != null && r.value().getCallId().startsWith(prefixOfCalls)).toList();
            assertThat(sessions).hasSize(count);
            assertThat(sessions).extracting(ConsumerRecord::key).containsOnly(device);
            assertThat(sessions).extracting(r -> r.value().getOutcome()).containsOnly(CallOutcome.ANSWERED);
        });
    }

    /** A request as the gateway stores it: keyed by its MAC when it names one, else by ip-<address>. */
    private String send(KafkaProducer<String, byte[]> producer, String mac, String address, String event, String query,
                        Instant at) {
        String deviceId = mac == null ? "ip-" + address : mac;
        String requestId = "req-" + (requests++) + "-" + UUID.randomUUID();
        String fullQuery = mac == null ? query : "mac=" + mac + (query.isEmpty() ? "" : "&" + query);
        RawPhoneRequest request = RawPhoneRequest.newBuilder()
                .setRequestId(requestId).setReceivedAt(at).setGatewayId("it").setDeviceId(deviceId)
                .setSourceAddress(address).setSourcePort(5060).setMethod("GET").setPath("/yealink/" + event)
                .setQuery(fullQuery).setUserAgent("Yealink SIP-T46S 66.86.0.15").build();
        String topic = Topics.PHONE_RAW.name(prefix);
        producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), deviceId,
                Topics.PHONE_RAW.valueSerde().encode(topic, request)));
        producer.flush();
        return requestId;
    }

    /** The partition the default partitioner gives a key on phone.raw.v1. */
    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /** A topic from its beginning to its end as of now, read_committed. */
    private <V extends SpecificRecord> List<ConsumerRecord<String, V>> records(KafkaBroker kafka, TopicSpec<V> spec) {
        String topic = spec.name(prefix);
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(kafka.consumerProps("check-" + UUID.randomUUID()),
                spec.keySerde().deserializer(), spec.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private ProcessorConfig config(KafkaBroker kafka) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProcessorConfig.APPLICATION_ID, applicationId);
        settings.put(ProcessorConfig.TOPIC_PREFIX, prefix);
        settings.put(ProcessorConfig.QUERY_PORT, 0);
        settings.put(ProcessorConfig.QUERY_HOST, "127.0.0.1");
        settings.put(ProcessorConfig.QUERY_ADVERTISED_HOST, "127.0.0.1");
        settings.put(ProcessorConfig.IDENTITY_ADDRESS_MAX_AGE_MS, MAX_AGE.toMillis());
        settings.put(ProcessorConfig.IDENTITY_ADDRESS_REFRESH_MS, Duration.ofMinutes(1).toMillis());
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("kafka.state.dir", temp.toString());
        settings.put("kafka.replication.factor", "1");
        settings.put("kafka.commit.interval.ms", "100");
        settings.put("kafka.num.standby.replicas", "0");
        return new ProcessorConfig(settings);
    }
}
