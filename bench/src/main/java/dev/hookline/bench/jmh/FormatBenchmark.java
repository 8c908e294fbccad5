package dev.hookline.bench.jmh;

import dev.hookline.bench.ProcessorBench;
import dev.hookline.deploy.local.LocalRegistry;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.RegistrySettings;
import dev.hookline.schema.format.ValueCodec;
import dev.hookline.schema.format.ValueFormat;
import dev.hookline.schema.format.ValueFormats;
import dev.hookline.testkit.SampleRecords;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What each value format costs per record, encoding and decoding, through the codec a service
 * uses ({@link ValueFormats#codec}: writes the topic's format, reads any after looking at the
 * first byte), for the processor's input (RawPhoneRequest, the very record {@code processor.sh}
 * writes) and its outputs (SampleRecords' PhoneEvent, CallSession, LineStatus, DeviceState).
 * Each (format, record) pair runs in its own fork, so one format's code never shares a JIT
 * profile with another's.
 *
 * <p>avro-registry needs its schema id once: a real registry (Apicurio, as {@code hookline local
 * --registry} runs it) is started for the trial, the codec registers the subject and keeps the
 * id and the schema, and the measured calls never reach the registry again; its JVM's CPU time
 * during the trial is printed ({@code REGISTRY ...}) to show it stayed idle. Each setup prints
 * the encoded size ({@code SIZE ...}), which {@code bench/formats.sh} puts in its table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.hookline.schema")
public class FormatBenchmark {

    @Param({"avro-single-object", "avro-registry", "json"})
    public String format;

    @Param({"RawPhoneRequest", "PhoneEvent", "CallSession", "LineStatus", "DeviceState"})
    public String record;

    private String topic;
    private ValueCodec<SpecificRecord> codec;
    private SpecificRecord value;
    private byte[] encoded;
    private LocalRegistry registry;
    private Path registryLog;
    private Duration registryCpuAtStart = Duration.ZERO;
    private long startedNanos;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SchemaTrust.install();
        ValueFormat valueFormat = ValueFormat.parse(format);
        Optional<RegistrySettings> settings = Optional.empty();
        if (valueFormat == ValueFormat.AVRO_REGISTRY) {
            registryLog = Files.createTempFile("hookline-format-bench-registry", ".log");
            registry = LocalRegistry.start("127.0.0.1", 0, registryLog);
            settings = Optional.of(RegistrySettings.at(URI.create(registry.ccompatUrl())));
        }
        TopicSpec<?> spec = spec(record);
        topic = spec.name("");
        ValueFormats formats = ValueFormats.of(valueFormat, settings);
        // As a service's start does: registers <topic>-value and keeps the id (and the schema by id).
        formats.prepare("", List.of(spec));
        codec = anyRecord(formats.codec(spec));
        value = sample(record);
        encoded = codec.encode(topic, value);
        if (!value.equals(codec.decode(topic, encoded))) {
            throw new IllegalStateException(format + " does not read back the " + record + " it wrote");
        }
        System.out.printf("SIZE format=%s record=%s bytes=%d%n", format, record, encoded.length);
        registryCpuAtStart = registryCpu();
        startedNanos = System.nanoTime();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (registry != null) {
            System.out.printf("REGISTRY format=%s record=%s cpu_ms=%d seconds=%d%n", format, record,
                    registryCpu().minus(registryCpuAtStart).toMillis(), (System.nanoTime() - startedNanos) / 1_000_000_000);
            registry.close();
            Files.deleteIfExists(registryLog);
        }
    }

    @Benchmark
    public byte[] encode(CpuTime cpu) {
        return codec.encode(topic, value);
    }

    @Benchmark
    public SpecificRecord decode(CpuTime cpu) {
        return codec.decode(topic, encoded);
    }

    /**
     * The benchmark thread's CPU time in each iteration (JMH reports it beside the time per
     * operation; {@link FormatBenchmarkRun} divides it by the iteration's operations). On a
     * shared machine the wall time per operation grows with whatever else runs, the CPU time
     * hardly: it is what lets trials run minutes apart be compared. It leaves out the GC's
     * threads, whose young collections of garbage this short-lived cost little; the allocation
     * itself is the benchmark thread's (and the GC profiler counts its bytes).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long cpuNanos;
        private long start;

        @Setup(Level.Iteration)
        public void start() {
            cpuNanos = 0;
            start = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
        }
    }

    private static TopicSpec<?> spec(String record) {
        return switch (record) {
            case "RawPhoneRequest" -> Topics.PHONE_RAW;
            case "PhoneEvent" -> Topics.PHONE_EVENTS;
            case "CallSession" -> Topics.CALL_SESSIONS;
            case "LineStatus" -> Topics.LINE_STATUS;
            case "DeviceState" -> Topics.DEVICE_STATE;
            default -> throw new IllegalArgumentException("no such record: " + record);
        };
    }

    /** The processor benchmark's raw input (an established event of a Yealink call); the testkit's outputs. */
    private static SpecificRecord sample(String record) {
        return switch (record) {
            case "RawPhoneRequest" -> ProcessorBench.rawRequest(Instant.parse("2026-11-23T09:00:00Z"), 2);
            case "PhoneEvent" -> SampleRecords.phoneEvent();
            case "CallSession" -> SampleRecords.callSession();
            case "LineStatus" -> SampleRecords.lineStatus();
            case "DeviceState" -> SampleRecords.deviceState();
            default -> throw new IllegalArgumentException("no such record: " + record);
        };
    }

    /** The codec of one record type, used with that type only. */
    @SuppressWarnings("unchecked")
    private static ValueCodec<SpecificRecord> anyRecord(ValueCodec<?> codec) {
        return (ValueCodec<SpecificRecord>) codec;
    }

    /** CPU time so far of this JVM's children: the registry, when one runs. */
    private static Duration registryCpu() {
        return ProcessHandle.current().children().map(child -> child.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }
}
