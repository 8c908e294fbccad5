package dev.hookline.bench;

import dev.hookline.bench.RunMeasures.Spread;
import dev.hookline.bench.RunMeasures.ThreadCpu;
import dev.hookline.bench.SimulatedFleet.Phone;
import dev.hookline.dispatcher.CommandDispatcher;
import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.dispatcher.driver.Drivers;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.driver.Translation;
import dev.hookline.dispatcher.secrets.SecretsFile;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The command dispatcher against simulated phones on loopback addresses, on a real broker (from
 * {@code hookline local}): commands are produced to phone.commands.v1 (all at once, or at a fixed
 * rate), each with requestedAt = now, and timed until their results are readable (read_committed)
 * on phone.command-results.v1; the phones record when each request arrived. The baseline sends
 * the same HTTP requests (built by the dispatcher's own drivers) straight to the same phones.
 * Each dispatcher run has topics of its own (a unique prefix), so local mode's dispatcher, on the
 * unprefixed topics, stays idle. Prints one RESULT line per run.
 *
 * <p>Runs, after a warm-up of both paths: the baseline unpaced; three rounds of the baseline paced
 * like the dispatcher and the dispatcher with the rate limit raised to FAST_LIMIT (with
 * {@link #INTERLEAVED small fetches}); the dispatcher at FAST_LIMIT with the consumer's default
 * fetch size; the dispatcher at the default 2/s with both fetch sizes; baseline and dispatcher at
 * a fixed rate (latency).
 *
 * <p>Usage: DispatcherBench BOOTSTRAP PHONES COMMANDS FAST_LIMIT RATE SECONDS PHONE_PORT [LOCAL_PID]
 * <ul>
 *   <li>COMMANDS commands per full-speed run, spread evenly over PHONES phones;</li>
 *   <li>FAST_LIMIT the raised per-phone rate limit (requests/s);</li>
 *   <li>RATE commands/s for SECONDS in the latency runs (default rate limit);</li>
 *   <li>LOCAL_PID the {@code hookline local} process, whose CPU time (broker included) is reported.</li>
 * </ul>
 * {@code -Ddbench.dispatcher=key=value,...} adds dispatcher settings to every dispatcher run (experiments).
 */
public final class DispatcherBench {

    private static final int PARTITIONS = 3;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    /**
     * Small fetches per partition, so each poll of the dispatcher's consumer holds commands of
     * every partition: with the default (1 MB), a burst fills max.in.flight from one partition
     * first, i.e. with commands of a third of the phones.
     */
    static final Map<String, Object> INTERLEAVED = Map.of("kafka.consumer.max.partition.fetch.bytes", "32768");

    private final String bootstrap;
    private final SimulatedFleet fleet;
    private final Path secrets;
    private final Optional<ProcessHandle> local;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    private DispatcherBench(String bootstrap, SimulatedFleet fleet, Path secrets, Optional<ProcessHandle> local) {
        this.bootstrap = bootstrap;
        this.fleet = fleet;
        this.secrets = secrets;
        this.local = local;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-commands",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        SchemaTrust.install();
        String bootstrap = args[0];
        int phones = Integer.parseInt(args[1]);
        int commands = Integer.parseInt(args[2]);
        double fastLimit = Double.parseDouble(args[3]);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int port = Integer.parseInt(args[6]);
        Optional<ProcessHandle> local = args.length > 7 ? ProcessHandle.of(Long.parseLong(args[7])) : Optional.empty();

        Path work = Files.createTempDirectory("hookline-dbench");
        try (SimulatedFleet fleet = SimulatedFleet.start(phones, port)) {
            Path secrets = fleet.writeSecrets(work);
            System.out.printf("RESULT name=setup phones=%d with_login=%d port=%d%n", phones, fleet.withLogin(), port);
            DispatcherBench bench = new DispatcherBench(bootstrap, fleet, secrets, local);
            try {
                bench.prepare(List.of("warmup", "dispatcher_fast_1", "dispatcher_fast_2", "dispatcher_fast_3",
                        "dispatcher_fast_bigfetch", "dispatcher_default", "dispatcher_default_fetch", "dispatcher_rate"));
                // JIT warm-up of both paths, not recorded (throughput still creeps up for a while after).
                bench.direct("warmup", commands, 0, 0);
                bench.dispatcher("warmup", fastLimit, commands, 0, INTERLEAVED);
                print(bench.direct("direct_burst", commands, 0, 0));
                // Baseline and dispatcher in turn, three times: this machine drifts by tens of percent
                // within a minute, so the pairs are compared, not runs far apart.
                for (int round = 1; round <= 3; round++) {
                    print(bench.direct("direct_paced_" + round, commands, 0, fastLimit));
                    print(bench.dispatcher("dispatcher_fast_" + round, fastLimit, commands, 0, INTERLEAVED));
                }
                print(bench.dispatcher("dispatcher_fast_bigfetch", fastLimit, commands, 0, Map.of()));
                print(bench.dispatcher("dispatcher_default", 2.0, commands, 0, Map.of()));
                print(bench.dispatcher("dispatcher_default_fetch", 2.0, commands, 0, INTERLEAVED));
                print(bench.direct("direct_rate", rate * seconds, rate, 0));
                print(bench.dispatcher("dispatcher_rate", 2.0, rate * seconds, rate, Map.of()));
            } finally {
                bench.producer.close(Duration.ofSeconds(5));
                bench.admin.close();
            }
        } finally {
            Files.deleteIfExists(work.resolve("secrets.json"));
            Files.deleteIfExists(work);
        }
    }

    /** What one run measured; times in ms since the epoch, -1 where missing. */
    private record Run(String name, double limit, double rate, int commands, long start, long end, List<String> statuses,
                       long[] requestedAt, long[] arrivedAt, long[] resultAt, Duration senderCpu, Duration jvmCpu,
                       Duration localCpu, String extra) {
    }

    private static void print(Run run) {
        long[] toPhone = new long[run.commands()];
        long[] toResult = new long[run.commands()];
        for (int k = 0; k < run.commands(); k++) {
            toPhone[k] = run.arrivedAt()[k] < 0 ? -1 : run.arrivedAt()[k] - run.requestedAt()[k];
            toResult[k] = run.resultAt()[k] < 0 ? -1 : run.resultAt()[k] - run.requestedAt()[k];
        }
        double seconds = (run.end() - run.start()) / 1000.0;
        System.out.printf("RESULT name=%s limit=%s offered=%s commands=%d seconds=%.2f rate=%.0f statuses=%s %s %s "
                        + "cpu_sender_us=%s cpu_jvm_us=%s cpu_local_us=%s%s%n",
                run.name(), run.limit() > 0 ? String.format("%.0f", run.limit()) : "none",
                run.rate() > 0 ? String.format("%.0f", run.rate()) : "max", run.commands(), seconds,
                run.commands() / seconds, RunMeasures.statuses(run.statuses()), Spread.of(toPhone).fields("phone"),
                Spread.of(toResult).fields("result"), RunMeasures.micros(run.senderCpu(), run.commands()),
                RunMeasures.micros(run.jvmCpu(), run.commands()), RunMeasures.micros(run.localCpu(), run.commands()),
                run.extra());
        System.out.flush();
    }

    /** The baseline: the drivers' requests for the same commands, sent straight to the phones. */
    private Run direct(String name, int commands, double rate, double limit) throws Exception {
        SecretsFile logins = SecretsFile.load(secrets);
        Drivers drivers = Drivers.builtIn();
        List<DirectSender.Prepared> requests = new ArrayList<>(commands);
        int[] phoneOf = new int[commands];
        Instant now = Instant.now();
        for (int k = 0; k < commands; k++) {
            Phone phone = fleet.phoneOf(k);
            PhoneTarget target = phone.target(fleet.port());
            PhoneCommand command = SimulatedFleet.command(name, k, phone, now);
            Translation translation = drivers.forVendor(target.vendor()).orElseThrow()
                    .translate(command, target, logins.lookup(target));
            if (!(translation instanceof Translation.Send send)) {
                throw new IllegalStateException("command " + k + " is not sendable: " + translation);
            }
            requests.add(new DirectSender.Prepared(target, send.request()));
            phoneOf[k] = phone.index();
        }
        ThreadCpu cpu = new ThreadCpu();
        try (DirectSender sender = new DirectSender()) {
            int[] before = fleet.requestCounts();
            cpu.start();
            Duration jvm = RunMeasures.processCpu(Optional.of(ProcessHandle.current()));
            Duration localCpu = RunMeasures.processCpu(local);
            long start = System.currentTimeMillis();
            DirectSender.Outcome outcome = sender.run(requests, phoneOf, fleet.phones().size(), rate, limit);
            long end = Arrays.stream(outcome.answeredAt()).max().orElse(start);
            Duration senderCpu = cpu.elapsed();
            String busiest = cpu.busiest(end - start);
            jvm = RunMeasures.processCpu(Optional.of(ProcessHandle.current())).minus(jvm);
            localCpu = RunMeasures.processCpu(local).minus(localCpu);
            List<String> statuses = Arrays.stream(outcome.status()).mapToObj(s -> s < 0 ? "ERROR" : "HTTP_" + s).toList();
            return new Run(name, limit, rate, commands, start, end, statuses, outcome.requestedAt(),
                    fleet.arrivals(commands, before), outcome.answeredAt(), senderCpu, jvm, localCpu, " partitions_done_s=- busiest=" + busiest);
        }
    }

    private String prefix(String run) {
        return "dbench-" + id + "-" + run + ".";
    }

    /**
     * Creates the topics of every dispatcher run up front, waits until each partition has a
     * leader (producing to a topic created a moment ago fails with NOT_LEADER_OR_FOLLOWER and can
     * leave an idempotent producer retrying out-of-order sequences), then writes each run's
     * device.state.v1.
     */
    private void prepare(List<String> runs) throws Exception {
        List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String run : runs) {
            for (var spec : Topics.ALL) {
                topics.add(spec.newTopic(prefix(run), PARTITIONS, Optional.empty()));
                names.add(spec.name(prefix(run)));
            }
        }
        admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the benchmark's topics got no leaders within 60 s");
            }
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (String run : runs) {
            String devices = Topics.DEVICE_STATE.name(prefix(run));
            for (Phone phone : fleet.phones()) {
                sent.add(producer.send(new ProducerRecord<>(devices, phone.deviceId(),
                        Topics.DEVICE_STATE.valueSerde().encode(devices, SimulatedFleet.deviceState(phone)))));
            }
        }
        for (var future : sent) {
            future.get(60, TimeUnit.SECONDS);
        }
    }

    /** The dispatcher in this JVM, on the run's own topics ({@link #prepare}), at a per-phone rate limit of {@code limit}/s. */
    private Run dispatcher(String name, double limit, int commands, double rate, Map<String, Object> extra)
            throws Exception {
        String prefix = prefix(name);
        Map<String, Object> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrap);
        settings.put(DispatcherConfig.TOPIC_PREFIX, prefix);
        settings.put(DispatcherConfig.GROUP_ID, prefix + "dispatcher");
        settings.put(DispatcherConfig.MANAGEMENT_HOST, "127.0.0.1");
        settings.put(DispatcherConfig.MANAGEMENT_PORT, 0);
        settings.put(DispatcherConfig.SECRETS_FILE, secrets.toString());
        settings.put(DispatcherConfig.ALLOWED_CIDRS, "127.0.0.0/8");
        settings.put(DispatcherConfig.PHONE_PORT, fleet.port());
        settings.put(DispatcherConfig.RATE_LIMIT, limit);
        settings.putAll(extra);
        // Experiments: -Ddbench.dispatcher=key=value,key=value (e.g. max.in.flight=20000) for every dispatcher run.
        for (String setting : System.getProperty("dbench.dispatcher", "").split(",")) {
            if (setting.contains("=")) {
                settings.put(setting.substring(0, setting.indexOf('=')).strip(), setting.substring(setting.indexOf('=') + 1).strip());
            }
        }

        long[] requestedAt = new long[commands];
        long[] resultAt = new long[commands];
        Arrays.fill(resultAt, -1);
        String[] statuses = new String[commands];
        long[] partitionDone = new long[PARTITIONS];
        String resultsTopic = Topics.PHONE_COMMAND_RESULTS.name(prefix);
        try (KafkaConsumer<String, CommandResult> results = resultsConsumer(resultsTopic)) {
            ThreadCpu cpu = new ThreadCpu();
            CommandDispatcher dispatcher = new CommandDispatcher(new DispatcherConfig(settings)).start();
            try {
                awaitReady(dispatcher);
                int[] before = fleet.requestCounts();
                cpu.start();
                Duration jvm = RunMeasures.processCpu(Optional.of(ProcessHandle.current()));
                Duration localCpu = RunMeasures.processCpu(local);
                long start = System.currentTimeMillis();
                AtomicReference<Throwable> failed = new AtomicReference<>();
                Thread sending = new Thread(() -> produceCommands(name, Topics.PHONE_COMMANDS.name(prefix), commands, rate,
                        requestedAt, failed), "bench-commands-sender");
                sending.setDaemon(true);
                sending.start();
                int received = 0;
                long end = start;
                long deadline = start + RUN_TIMEOUT.toMillis();
                while (received < commands && System.currentTimeMillis() < deadline && failed.get() == null) {
                    for (ConsumerRecord<String, CommandResult> record : results.poll(Duration.ofMillis(20))) {
                        long at = System.currentTimeMillis();
                        String commandId = record.value().getCommandId();
                        int k = Integer.parseInt(commandId.substring(commandId.lastIndexOf('-') + 1));
                        if (resultAt[k] < 0) {
                            resultAt[k] = at;
                            statuses[k] = record.value().getStatus().name();
                            received++;
                            end = at;
                            partitionDone[record.partition()] = at;
                        }
                    }
                }
                Duration senderCpu = cpu.elapsed();
                String busiest = cpu.busiest(end - start);
                jvm = RunMeasures.processCpu(Optional.of(ProcessHandle.current())).minus(jvm);
                localCpu = RunMeasures.processCpu(local).minus(localCpu);
                sending.join(Duration.ofSeconds(30).toMillis());
                if (sending.isAlive()) {
                    throw new IllegalStateException(name + ": producing the commands did not finish");
                }
                if (received < commands) {
                    throw new IllegalStateException(name + ": " + received + " of " + commands + " results within "
                            + RUN_TIMEOUT.toSeconds() + " s");
                }
                if (failed.get() != null) {
                    throw new IllegalStateException("producing commands failed", failed.get());
                }
                List<String> seen = Arrays.stream(statuses).map(s -> s == null ? "NO_RESULT" : s).toList();
                // When each partition's last result came: with a small in-flight bound the partitions are served one after another.
                String done = Arrays.stream(partitionDone).mapToObj(at -> String.format("%.1f", (at - start) / 1000.0))
                        .collect(java.util.stream.Collectors.joining("/"));
                return new Run(name, limit, rate, commands, start, end, seen, requestedAt,
                        fleet.arrivals(commands, before), resultAt, senderCpu, jvm, localCpu,
                        " in_flight=" + settings.getOrDefault(DispatcherConfig.MAX_IN_FLIGHT, "5000") + " partitions_done_s=" + done + " busiest=" + busiest);
            } finally {
                dispatcher.close();
            }
        }
    }

    /** Produces the commands, all at once ({@code rate} 0) or paced in 5 ms ticks; requestedAt = now. */
    private void produceCommands(String run, String topic, int commands, double rate, long[] requestedAt,
                                 AtomicReference<Throwable> failed) {
        try {
            long start = System.nanoTime();
            for (int k = 0; k < commands && failed.get() == null; k++) {
                if (rate > 0) {
                    long due = start + (long) (k * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 2_000_000) {
                        Thread.sleep(wait / 1_000_000);
                    }
                }
                Phone phone = fleet.phoneOf(k);
                Instant now = Instant.now();
                requestedAt[k] = now.toEpochMilli();
                PhoneCommand command = SimulatedFleet.command(run, k, phone, now);
                producer.send(new ProducerRecord<>(topic, phone.deviceId(), Topics.PHONE_COMMANDS.valueSerde().encode(topic, command)),
                        (metadata, error) -> {
                            if (error != null) {
                                failed.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.compareAndSet(null, e);
        } catch (RuntimeException e) {
            failed.compareAndSet(null, e);
        }
    }

    /** Reads every partition of the results topic from the start, read_committed, without a group. */
    private KafkaConsumer<String, CommandResult> resultsConsumer(String topic) {
        KafkaConsumer<String, CommandResult> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-results",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), Topics.PHONE_COMMAND_RESULTS.valueSerde().deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static void awaitReady(CommandDispatcher dispatcher) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!dispatcher.ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dispatcher was not ready within 60 s");
            }
            Thread.sleep(20);
        }
    }
}
