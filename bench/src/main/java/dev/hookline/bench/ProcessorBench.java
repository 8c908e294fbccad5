package dev.hookline.bench;

import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * Processor throughput on a real broker: the same raw input (realistic Yealink call flows of many
 * phones) consumed once by a {@code groupByKey().count()} topology (the Kafka Streams ceiling
 * here) and once by Hookline's topology, both exactly once v2, one stream thread. Each run is
 * timed from start until its committed offsets reach the end of the input.
 * Prints one line per run: name, events, seconds, events/s. Then, at a fixed rate on fresh
 * topics, the latency from a call's last raw record to its session being readable
 * (read_committed) on call.sessions.v1.
 * Usage: ProcessorBench BOOTSTRAP EVENTS PARTITIONS [RATE SECONDS]
 */
public final class ProcessorBench {

    private static final String[] CALL = {"incoming_call", "off_hook", "call_established", "call_terminated", "on_hook"};

    private ProcessorBench() {
    }

    public static void main(String[] args) throws Exception {
        SchemaTrust.install();
        String bootstrap = args[0];
        int events = Integer.parseInt(args[1]);
        int partitions = Integer.parseInt(args[2]);
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(Topics.ALL.stream().map(spec -> spec.newTopic(prefix, partitions, Optional.empty()))
                    .collect(Collectors.toList())).all().get();
            String input = Topics.PHONE_RAW.name(prefix);
            produce(bootstrap, input, events);

            Path state = Files.createTempDirectory("hookline-bench");
            long countMillis = runCount(bootstrap, input, prefix, state, admin);
            System.out.printf("RESULT name=count events=%d seconds=%.2f rate=%.0f%n", events, countMillis / 1000.0,
                    events * 1000.0 / countMillis);
            long hooklineMillis = runHookline(bootstrap, prefix, state, admin);
            System.out.printf("RESULT name=hookline events=%d seconds=%.2f rate=%.0f%n", events, hooklineMillis / 1000.0,
                    events * 1000.0 / hooklineMillis);
        }
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        ProcessorLatency.Result latency = ProcessorLatency.run(bootstrap, partitions, rate, seconds);
        System.out.printf("RESULT name=latency rate=%d seconds=%d sessions=%d p50=%d p99=%d max=%d%n", rate, seconds,
                latency.sessions(), latency.p50(), latency.p99(), latency.max());
    }

    /** Calls of 5 events each on 5,000 phones, 2 s apart in event time, as Yealink sends them. */
    static void produce(String bootstrap, String topic, int events) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 131072);
        Instant start = Instant.now().minus(Duration.ofMinutes(30));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                int call = i / CALL.length;
                String mac = String.format("805ec0%06x", call % 5000);
                Instant at = start.plusMillis(i * 2L);
                RawPhoneRequest request = RawPhoneRequest.newBuilder(ProducerAlone.record(mac, call))
                        .setReceivedAt(at)
                        .setRequestId("bench-" + i)
                        .setPath("/yealink/" + CALL[i % CALL.length])
                        .build();
                producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), mac,
                        Topics.PHONE_RAW.valueSerde().encode(topic, request)));
            }
            producer.flush();
        }
    }

    private static Properties streamsProps(String bootstrap, String applicationId, Path state) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.getInteger("threads", 1));
        return props;
    }

    private static long runCount(String bootstrap, String input, String prefix, Path state, Admin admin) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey(Grouped.as("by-device"))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("count-store")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        String applicationId = prefix + "count";
        try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsProps(bootstrap, applicationId, state))) {
            long start = System.nanoTime();
            streams.start();
            awaitCaughtUp(admin, applicationId, input, () -> streams.state() == KafkaStreams.State.ERROR);
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    private static long runHookline(String bootstrap, String prefix, Path state, Admin admin) throws Exception {
        String applicationId = prefix + "hookline";
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProcessorConfig.APPLICATION_ID, applicationId);
        settings.put(ProcessorConfig.TOPIC_PREFIX, prefix);
        settings.put(ProcessorConfig.QUERY_PORT, 0);
        streamsProps(bootstrap, applicationId, state).forEach((key, value) -> settings.put("kafka." + key, value));
        long start = System.nanoTime();
        StreamProcessorApp app = new StreamProcessorApp(new ProcessorConfig(settings)).start(Duration.ofSeconds(120));
        try {
            awaitCaughtUp(admin, applicationId, Topics.PHONE_RAW.name(prefix), () -> app.state() == KafkaStreams.State.ERROR);
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            app.close();
        }
    }

    /** Waits until the group's committed offsets reach the end of every input partition. */
    private static void awaitCaughtUp(Admin admin, String group, String topic, java.util.function.BooleanSupplier failed)
            throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (failed.getAsBoolean()) {
                throw new IllegalStateException(group + " stopped with an error");
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            boolean done = partitions.stream().allMatch(p -> committed.get(p) != null
                    && committed.get(p).offset() >= ends.get(p).offset());
            if (done) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(group + " did not catch up within 5 minutes");
    }
}
