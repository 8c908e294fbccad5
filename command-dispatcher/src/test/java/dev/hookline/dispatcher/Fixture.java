package dev.hookline.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** What the dispatcher ITs share: settings, device states and commands in, results out. */
final class Fixture {

    static {
        SchemaTrust.install();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixture() {
    }

    /** Fast settings for tests: phones on loopback, short back-off and time-outs, a generous rate limit. */
    static Map<String, Object> settings(KafkaBroker kafka, String prefix, int phonePort) {
        Map<String, Object> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        values.put(DispatcherConfig.TOPIC_PREFIX, prefix);
        values.put(DispatcherConfig.GROUP_ID, "dispatcher-" + prefix);
        values.put(DispatcherConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(DispatcherConfig.MANAGEMENT_PORT, 0);
        values.put(DispatcherConfig.PHONE_PORT, phonePort);
        values.put(DispatcherConfig.ALLOWED_CIDRS, "127.0.0.0/8");
        values.put(DispatcherConfig.REQUEST_TIMEOUT_MS, 1000L);
        values.put(DispatcherConfig.BACKOFF_BASE_MS, 50L);
        values.put(DispatcherConfig.BACKOFF_MAX_MS, 200L);
        values.put(DispatcherConfig.RATE_LIMIT, 50.0);
        values.put(DispatcherConfig.COMMIT_INTERVAL_MS, 200L);
        values.put(DispatcherConfig.SHUTDOWN_TIMEOUT_MS, 5000L);
        return values;
    }

    /** The service as deployed: Hookline's drivers, logins from a secrets file. */
    static CommandDispatcher dispatcher(Map<String, Object> settings) {
        return new CommandDispatcher(new DispatcherConfig(settings));
    }

    /** Writes a secrets file: one login for every vendor, and per-device logins. */
    static Path secrets(Path dir, Credentials everyVendor, Map<String, Credentials> devices) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode vendors = root.putObject("vendors");
        for (String vendor : List.of("yealink", "snom", "hanlong", "aastra")) {
            login(vendors.putObject(vendor), everyVendor);
        }
        ObjectNode perDevice = root.putObject("devices");
        devices.forEach((device, login) -> login(perDevice.putObject(device), login));
        Path file = dir.resolve("secrets.json");
        Files.writeString(file, JSON.writeValueAsString(root));
        return file;
    }

    private static void login(ObjectNode node, Credentials login) {
        node.put("username", login.username()).put("password", login.password());
    }

    static DeviceState device(String deviceId, String vendor, String ip) {
        Instant now = Instant.now();
        return DeviceState.newBuilder().setDeviceId(deviceId).setVendor(vendor).setModel("T1").setIp(ip)
                .setHook(dev.hookline.schema.HookState.UNKNOWN).setFirstSeen(now).setLastSeen(now).build();
    }

    static void publishDevices(KafkaBroker kafka, String prefix, List<DeviceState> devices) {
        String topic = Topics.DEVICE_STATE.name(prefix);
        try (KafkaProducer<String, DeviceState> producer = new KafkaProducer<>(kafka.producerProps(),
                Topics.DEVICE_STATE.keySerde().serializer(), Topics.DEVICE_STATE.valueSerde().serializer())) {
            devices.forEach(device -> producer.send(new ProducerRecord<>(topic, device.getDeviceId(), device)));
        }
    }

    static void publishCommands(KafkaBroker kafka, String prefix, List<PhoneCommand> commands) {
        String topic = Topics.PHONE_COMMANDS.name(prefix);
        try (KafkaProducer<String, PhoneCommand> producer = new KafkaProducer<>(kafka.producerProps(),
                Topics.PHONE_COMMANDS.keySerde().serializer(), Topics.PHONE_COMMANDS.valueSerde().serializer())) {
            commands.forEach(command -> producer.send(new ProducerRecord<>(topic, command.getDeviceId(), command)));
        }
    }

    static String newId(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Every result published so far, by command id, in topic order; read until {@code ids} all have one. */
    static Map<String, List<CommandResult>> awaitResults(KafkaBroker kafka, String prefix, Collection<String> ids,
                                                         Duration timeout) {
        Map<String, List<CommandResult>> results = readResults(kafka, prefix, ids, timeout);
        assertThat(results.keySet()).as("commands with a result").containsAll(ids);
        return results;
    }

    /** Every result published so far (up to the end), by command id; stops early once {@code ids} all have one. */
    static Map<String, List<CommandResult>> readResults(KafkaBroker kafka, String prefix, Collection<String> ids,
                                                        Duration timeout) {
        return readResultsUntil(kafka, prefix, results -> results.keySet().containsAll(ids), timeout);
    }

    /** Results by command id in topic order, read until {@code done} holds and the topic's end is reached (or time is up). */
    static Map<String, List<CommandResult>> readResultsUntil(KafkaBroker kafka, String prefix,
                                                             Predicate<Map<String, List<CommandResult>>> done,
                                                             Duration timeout) {
        return readResultsUntil(kafka, prefix, done, true, timeout);
    }

    /** Results by command id in topic order, read until {@code done} holds (and, if asked, the topic's end is reached). */
    static Map<String, List<CommandResult>> readResultsUntil(KafkaBroker kafka, String prefix,
                                                             Predicate<Map<String, List<CommandResult>>> done,
                                                             boolean toTheEnd, Duration timeout) {
        String topic = Topics.PHONE_COMMAND_RESULTS.name(prefix);
        Map<String, List<CommandResult>> results = new LinkedHashMap<>();
        try (KafkaConsumer<String, CommandResult> consumer = new KafkaConsumer<>(kafka.consumerProps(newId("reader")),
                Topics.PHONE_COMMAND_RESULTS.keySerde().deserializer(),
                Topics.PHONE_COMMAND_RESULTS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CommandResult> record : consumer.poll(Duration.ofMillis(100))) {
                    results.computeIfAbsent(record.value().getCommandId(), id -> new ArrayList<>()).add(record.value());
                }
                if (done.test(results) && (!toTheEnd || caughtUp(consumer, partitions))) {
                    break;
                }
            }
        }
        return results;
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
    }

    static CommandResult only(Map<String, List<CommandResult>> results, String commandId) {
        assertThat(results.get(commandId)).as("results of " + commandId).hasSize(1);
        return results.get(commandId).get(0);
    }

    /** The records of phone.raw.v1 (the dispatcher writes polls there), read until {@code done} holds or time is up. */
    static List<RawPhoneRequest> readRaw(KafkaBroker kafka, String prefix, Predicate<List<RawPhoneRequest>> done,
                                         Duration timeout) {
        String topic = Topics.PHONE_RAW.name(prefix);
        List<RawPhoneRequest> records = new ArrayList<>();
        try (KafkaConsumer<String, RawPhoneRequest> consumer = new KafkaConsumer<>(kafka.consumerProps(newId("raw")),
                Topics.PHONE_RAW.keySerde().deserializer(), Topics.PHONE_RAW.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> records.add(record.value()));
            }
        }
        return records;
    }
}
