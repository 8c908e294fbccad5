package dev.hookline.bench;

import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.ValueCodec;
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
import org.apache.kafka.clients.admin.NewTopic;
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
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * Processor throughput on a real broker: the same raw input (realistic Yealink call flows of many
 * phones) consumed once by a {@code groupByKey().count()} topology (the Kafka Streams ceiling
 * here), once by a pass-through topology (decode, encode, one record out per record in: the
 * least a topology with Hookline's contract does) and once by Hookline's topology, all exactly
 * once v2, one stream thread, in rounds (-Drounds, default 3). Each run is timed from start
 * until its committed offsets reach the end of the input. Prints one line per run: name, round,
 * events, seconds and events/s, whole and steady (see {@link Progress}). Then, at a fixed rate on fresh
 * topics, the latency from a call's last raw record to its session being readable
 * (read_committed) on call.sessions.v1.
 * Usage: ProcessorBench BOOTSTRAP EVENTS PARTITIONS [RATE SECONDS]
 */
public final class ProcessorBench {

    /**
     * Processor settings of an earlier release to compare with, from -Dbefore.KEY=VALUE (e.g.
     * -Dbefore.kafka.producer.compression.type=none): when given, each round also runs Hookline
     * with them ("before").
     */
    private static final Map<String, Object> BEFORE = System.getProperties().stringPropertyNames().stream()
            .filter(name -> name.startsWith("before.")).collect(Collectors.toMap(name -> name.substring("before.".length()),
                    System::getProperty));

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
            createTopics(admin, prefix, partitions);
            String input = Topics.PHONE_RAW.name(prefix);
            List<RawPhoneRequest> requests = input(events);
            produce(bootstrap, input, requests, Topics.PHONE_RAW.valueSerde());
            IoEquivalent.Step[] plan = IoEquivalent.plan(prefix, requests);
            requests = null; // the plan holds what the runs need; let the input go
            // What each run wrote: every topic of this benchmark but its input (internal topics
            // are named after the application id, which starts with the prefix too).
            java.util.function.Predicate<String> written = name -> name.startsWith(prefix) && !name.equals(input);

            Path state = Files.createTempDirectory("hookline-bench");
            // Rounds in one JVM against one broker, as JMH does: the first ones pay for the JIT
            // compiling each topology's code (in this JVM and in the broker's), the last ones
            // measure what a processor that runs for days sustains.
            int rounds = Integer.getInteger("rounds", 3);
            for (int round = 1; round <= rounds; round++) {
                print("count", round, events, runCount(bootstrap, input, prefix + "count-" + round, state, admin));
                print("passthrough", round, events,
                        runPassThrough(bootstrap, input, prefix + "passthrough-" + round, state, admin));
                WriteFootprint.Snapshot before = WriteFootprint.snapshot(admin, written);
                String ioId = prefix + "io-" + round;
                print("io", round, events, runIoEquivalent(plan, bootstrap, prefix, ioId, state, admin));
                printFootprint("io", round, events, prefix, ioId, WriteFootprint.since(bootstrap, admin, before, written));
                before = WriteFootprint.snapshot(admin, written);
                String hooklineId = prefix + "hookline-" + round;
                print("hookline", round, events, runHookline(bootstrap, prefix, hooklineId, state, admin, Map.of()));
                printFootprint("hookline", round, events, prefix, hooklineId,
                        WriteFootprint.since(bootstrap, admin, before, written));
                if (!BEFORE.isEmpty()) {
                    before = WriteFootprint.snapshot(admin, written);
                    String beforeId = prefix + "before-" + round;
                    print("before", round, events, runHookline(bootstrap, prefix, beforeId, state, admin, BEFORE));
                    printFootprint("before", round, events, prefix, beforeId,
                            WriteFootprint.since(bootstrap, admin, before, written));
                }
            }
        }
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        ProcessorLatency.Result latency = ProcessorLatency.run(bootstrap, partitions, rate, seconds);
        System.out.printf("RESULT name=latency rate=%d seconds=%d sessions=%d p50=%d p99=%d max=%d%n", rate, seconds,
                latency.sessions(), latency.p50(), latency.p99(), latency.max());
    }

    static void print(String name, int round, int events, Progress progress) {
        System.out.printf("RESULT name=%s round=%d %s%n", name, round, fields(events, progress));
    }

    /** A run's figures as key=value fields: events, seconds and events/s, whole and steady. */
    static String fields(int events, Progress progress) {
        return String.format("events=%d seconds=%.2f rate=%.0f steady_events=%d steady_seconds=%.2f steady_rate=%.0f",
                events, progress.totalMillis() / 1000.0, events * 1000.0 / progress.totalMillis(),
                progress.steadyEvents(), progress.steadyMillis() / 1000.0, progress.steadyRate());
    }

    /**
     * How a run went: the whole run from start (start-up, JIT compilation, first fetches
     * included), and its steady part, from the moment the committed offsets passed a third of
     * the input to the end, which is what a long-running processor sustains.
     */
    record Progress(long totalMillis, long steadyEvents, long steadyMillis) {
        double steadyRate() {
            return steadyEvents * 1000.0 / steadyMillis;
        }
    }

    /** Every catalogue topic under prefix, on one broker. */
    static void createTopics(Admin admin, String prefix, int partitions) throws Exception {
        admin.createTopics(Topics.ALL.stream().map(spec -> spec.newTopic(prefix, partitions, Optional.empty()))
                .collect(Collectors.toList())).all().get();
    }

    /** Calls of 5 events each on 5,000 phones, 2 s apart in event time, as Yealink sends them. */
    static List<RawPhoneRequest> input(int events) {
        Instant start = Instant.now().minus(Duration.ofMinutes(30));
        List<RawPhoneRequest> requests = new java.util.ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            requests.add(rawRequest(start, i));
        }
        return requests;
    }

    /** {@link #input} written with codec; returns the bytes of the values written. */
    static long produce(String bootstrap, String topic, int events, ValueCodec<RawPhoneRequest> codec) throws Exception {
        return produce(bootstrap, topic, input(events), codec);
    }

    static long produce(String bootstrap, String topic, List<RawPhoneRequest> requests, ValueCodec<RawPhoneRequest> codec)
            throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 131072);
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (RawPhoneRequest request : requests) {
                byte[] value = codec.encode(topic, request);
                bytes += value.length;
                producer.send(new ProducerRecord<>(topic, null, request.getReceivedAt().toEpochMilli(),
                        request.getDeviceId(), value));
            }
            producer.flush();
        }
        return bytes;
    }

    /**
     * A run's writes: all topics together (records, key+value bytes, log bytes, each per raw
     * event), then one line per topic, named without the prefix or application id.
     */
    static void printFootprint(String name, int round, int events, String prefix, String applicationId,
                               Map<String, WriteFootprint.Written> written) {
        WriteFootprint.Written total = WriteFootprint.total(written);
        System.out.printf("RESULT name=footprint-%s round=%d records=%d payload=%d log=%d records_per_event=%.2f "
                        + "payload_per_event=%.0f log_per_event=%.0f%n", name, round, total.records(), total.payloadBytes(),
                total.logBytes(), total.records() / (double) events, total.payloadBytes() / (double) events,
                total.logBytes() / (double) events);
        written.forEach((topic, w) -> {
            if (w.records() > 0 || w.logBytes() > 0) {
                String shortName = topic.startsWith(applicationId) ? "(internal)" + topic.substring(applicationId.length())
                        : topic.substring(prefix.length());
                System.out.printf("RESULT name=topic-%s round=%d topic=%s records=%d payload=%d log=%d%n", name, round,
                        shortName, w.records(), w.payloadBytes(), w.logBytes());
            }
        });
    }

    /** The i-th raw record of the input: event i % 5 of call i / 5, on phone (i / 5) % 5,000, at start + 2 i ms. */
    public static RawPhoneRequest rawRequest(Instant start, int i) {
        int call = i / CALL.length;
        String mac = String.format("805ec0%06x", call % 5000);
        return RawPhoneRequest.newBuilder(ProducerAlone.record(mac, call))
                .setReceivedAt(start.plusMillis(i * 2L))
                .setRequestId("bench-" + i)
                .setPath("/yealink/" + CALL[i % CALL.length])
                .build();
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

    private static Progress runCount(String bootstrap, String input, String applicationId, Path state, Admin admin)
            throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey(Grouped.as("by-device"))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("count-store")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        return run(builder, bootstrap, input, applicationId, state, admin);
    }

    /**
     * The least any topology does whose contract is one record out per request in: decode each
     * raw record (Avro), encode a record again and write it, inside the transaction.
     */
    private static Progress runPassThrough(String bootstrap, String input, String applicationId, Path state,
                                           Admin admin) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        String output = applicationId + "-out";
        admin.createTopics(List.of(new NewTopic(output, Optional.empty(), Optional.empty())))
                .all().get();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .mapValues(bytes -> Topics.PHONE_RAW.valueSerde().encode(output,
                        Topics.PHONE_RAW.valueSerde().decode(input, bytes)))
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return run(builder, bootstrap, input, applicationId, state, admin);
    }

    private static Progress run(StreamsBuilder builder, String bootstrap, String input, String applicationId, Path state,
                                Admin admin) throws Exception {
        Properties props = streamsProps(bootstrap, applicationId, state);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            long start = System.nanoTime();
            streams.start();
            return awaitCaughtUp(admin, applicationId, input, start, () -> streams.state() == KafkaStreams.State.ERROR);
        }
    }

    /** Hookline's topology on prefix's topics, with extra processor settings (e.g. value.format). */
    static Progress runHookline(String bootstrap, String prefix, String applicationId, Path state, Admin admin,
                                Map<String, Object> extra) throws Exception {
        long start = System.nanoTime();
        StreamProcessorApp app = new StreamProcessorApp(new ProcessorConfig(hooklineSettings(bootstrap, prefix,
                applicationId, state, extra))).start(Duration.ofSeconds(120));
        try {
            return awaitCaughtUp(admin, applicationId, Topics.PHONE_RAW.name(prefix), start,
                    () -> app.state() == KafkaStreams.State.ERROR);
        } finally {
            app.close();
        }
    }

    /** The floor: {@link IoEquivalent}'s topology with the very Kafka Streams settings Hookline's run gets. */
    private static Progress runIoEquivalent(IoEquivalent.Step[] plan, String bootstrap, String prefix, String applicationId,
                                            Path state, Admin admin) throws Exception {
        Properties props = StreamProcessorApp.streamsProperties(new ProcessorConfig(hooklineSettings(bootstrap, prefix,
                applicationId, state, Map.of())));
        try (KafkaStreams streams = new KafkaStreams(IoEquivalent.topology(prefix, plan), props)) {
            long start = System.nanoTime();
            streams.start();
            return awaitCaughtUp(admin, applicationId, Topics.PHONE_RAW.name(prefix), start,
                    () -> streams.state() == KafkaStreams.State.ERROR);
        }
    }

    private static Map<String, Object> hooklineSettings(String bootstrap, String prefix, String applicationId, Path state,
                                                        Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(extra);
        settings.put(ProcessorConfig.APPLICATION_ID, applicationId);
        settings.put(ProcessorConfig.TOPIC_PREFIX, prefix);
        settings.put(ProcessorConfig.QUERY_PORT, 0);
        streamsProps(bootstrap, applicationId, state).forEach((key, value) -> settings.put("kafka." + key, value));
        // Settings to try: -Dhookline.kafka.producer.batch.size=131072 sets kafka.producer.batch.size.
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("hookline."))
                .forEach(name -> settings.put(name.substring("hookline.".length()), System.getProperty(name)));
        return settings;
    }

    /**
     * Waits until the group's committed offsets reach the end of every input partition, noting
     * when they first passed a third of the input (offsets are polled every 20 ms).
     */
    private static Progress awaitCaughtUp(Admin admin, String group, String topic, long startNanos,
                                          java.util.function.BooleanSupplier failed) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        long total = ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        long steadyFromNanos = -1;
        long steadyFromOffset = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (failed.getAsBoolean()) {
                throw new IllegalStateException(group + " stopped with an error");
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            long now = System.nanoTime();
            long done = partitions.stream().mapToLong(p -> committed.get(p) == null ? 0 : committed.get(p).offset()).sum();
            if (steadyFromNanos < 0 && done * 3 >= total) {
                steadyFromNanos = now;
                steadyFromOffset = done;
            }
            if (done >= total) {
                return new Progress((now - startNanos) / 1_000_000, total - steadyFromOffset,
                        Math.max(1, (now - steadyFromNanos) / 1_000_000));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(group + " did not catch up within 5 minutes");
    }
}
