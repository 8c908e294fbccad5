package dev.hookline.bench;

import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.FormatConfig;
import dev.hookline.schema.format.RegistrySettings;
import dev.hookline.schema.format.ValueFormat;
import dev.hookline.schema.format.ValueFormats;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Hookline's topology with each value format, side by side in one JVM against one broker: per
 * format its own topics, the same raw input written in that format, the processor writing that
 * format (the avro-registry runs against the registry at REGISTRY_URL). One warm-up round
 * (round 0, every format once: the JIT compiles each format's code here and in the broker),
 * then -Drounds rounds (default 3), each running every format once on the whole input from the
 * start, the order rotated per round so that no format always runs first or last. Each run
 * is timed as {@link ProcessorBench} times its own (whole and steady), and its CPU time is
 * taken from this JVM and from {@code hookline local} with its children (broker, registry):
 * events/s move with whatever else this machine runs, CPU per event much less.
 * Prints one {@code RESULT name=input} line per format (bytes per raw record) and one
 * {@code RESULT name=FORMAT round=N} line per run.
 * Usage: ProcessorFormatsBench BOOTSTRAP EVENTS PARTITIONS REGISTRY_URL [LOCAL_PID]
 */
public final class ProcessorFormatsBench {

    private ProcessorFormatsBench() {
    }

    public static void main(String[] args) throws Exception {
        SchemaTrust.install();
        String bootstrap = args[0];
        int events = Integer.parseInt(args[1]);
        int partitions = Integer.parseInt(args[2]);
        String registryUrl = args[3];
        Optional<ProcessHandle> local = args.length > 4 ? ProcessHandle.of(Long.parseLong(args[4])) : Optional.empty();
        int rounds = Integer.getInteger("rounds", 3);
        List<ValueFormat> formats = List.of(ValueFormat.values());
        // No "bench" in the names: RunMeasures leaves threads named so out of a component's CPU.
        String run = "formats-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Map<ValueFormat, String> prefixes = new EnumMap<>(ValueFormat.class);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            for (ValueFormat format : formats) {
                String prefix = run + format.id() + ".";
                prefixes.put(format, prefix);
                ProcessorBench.createTopics(admin, prefix, partitions);
                ValueFormats writer = ValueFormats.of(format, registry(format, registryUrl));
                writer.prepare(prefix, List.of(Topics.PHONE_RAW));
                long bytes = ProcessorBench.produce(bootstrap, Topics.PHONE_RAW.name(prefix), events,
                        writer.codec(Topics.PHONE_RAW));
                System.out.printf("RESULT name=input format=%s events=%d bytes_per_record=%.1f%n", format.id(), events,
                        bytes / (double) events);
            }
            Path state = Files.createTempDirectory("hookline-formats");
            for (int round = 0; round <= rounds; round++) {
                for (int i = 0; i < formats.size(); i++) {
                    ValueFormat format = formats.get((i + Math.max(0, round - 1)) % formats.size());
                    String prefix = prefixes.get(format);
                    Duration jvmCpu = RunMeasures.processCpu(Optional.of(ProcessHandle.current()));
                    Duration localCpu = RunMeasures.processCpu(local);
                    ProcessorBench.Progress progress = ProcessorBench.runHookline(bootstrap, prefix,
                            prefix + "hookline-" + round, state, admin, settings(format, registryUrl));
                    jvmCpu = RunMeasures.processCpu(Optional.of(ProcessHandle.current())).minus(jvmCpu);
                    localCpu = RunMeasures.processCpu(local).minus(localCpu);
                    System.out.printf("RESULT name=%s round=%d %s processor_cpu_us=%s local_cpu_us=%s%n", format.id(), round,
                            ProcessorBench.fields(events, progress), RunMeasures.micros(jvmCpu, events),
                            RunMeasures.micros(localCpu, events));
                    if (round == 0) {
                        requireWritten(bootstrap, Topics.PHONE_EVENTS.name(prefix), format);
                    }
                }
            }
        }
    }

    /**
     * Fails unless the processor wrote its events in format: a setting that did not take would
     * otherwise measure one format three times.
     */
    static void requireWritten(String bootstrap, String topic, ValueFormat format) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Optional<ValueFormat> written = ValueFormat.detect(record.value());
                    if (written.equals(Optional.of(format))) {
                        return;
                    }
                    throw new IllegalStateException(topic + " holds " + written.map(ValueFormat::id).orElse("unknown")
                            + " values, not " + format.id());
                }
            }
        }
        throw new IllegalStateException("no value on " + topic + " within 30 s");
    }

    /** The registry a format needs: avro-registry only, as a deployment in the other formats would have none. */
    private static Optional<RegistrySettings> registry(ValueFormat format, String registryUrl) {
        return format == ValueFormat.AVRO_REGISTRY ? Optional.of(RegistrySettings.at(URI.create(registryUrl)))
                : Optional.empty();
    }

    private static Map<String, Object> settings(ValueFormat format, String registryUrl) {
        return format == ValueFormat.AVRO_REGISTRY
                ? Map.of(FormatConfig.VALUE_FORMAT, format.id(), FormatConfig.REGISTRY_URL, registryUrl)
                : Map.of(FormatConfig.VALUE_FORMAT, format.id());
    }
}
