package dev.hookline.deploy.local;

import dev.hookline.deploy.HooklineException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) run as a child JVM
 * from Hookline's own classpath, with its data in a folder of the user's: formatted on first
 * start, reused after, so a restart keeps every record. Its log goes to {@code logs/broker.log}
 * in that folder.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    /** What the user chose: where the data lives, the port, the broker's heap. */
    public record Settings(Path dataDir, String host, int port, String heap, Duration startupTimeout) {
    }

    private final Settings settings;
    private final Path logDir;
    private final Path brokerLog;
    private Process process;

    public LocalKafkaBroker(Settings settings) {
        this.settings = settings;
        this.logDir = settings.dataDir().resolve("kafka");
        this.brokerLog = settings.dataDir().resolve("logs").resolve("broker.log");
    }

    public String bootstrapServers() {
        return settings.host() + ":" + settings.port();
    }

    public Path brokerLog() {
        return brokerLog;
    }

    /** Formats the data dir when new, starts the broker and waits until it answers. */
    public void start() {
        LocalPorts.requireFree(settings.host(), settings.port(), "--kafka-port");
        int controllerPort = LocalPorts.findFree(settings.host());
        while (controllerPort == settings.port()) {
            // The Kafka port is free until the broker binds it, so the OS may offer it again.
            controllerPort = LocalPorts.findFree(settings.host());
        }
        Path config = writeConfig(controllerPort);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config);
        }
        process = startJava(List.of(BrokerProcessMain.class.getName(), config.toString()), brokerLog);
        awaitReady();
    }

    private Path writeConfig(int controllerPort) {
        Properties props = new Properties();
        String host = settings.host();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        // A static quorum: the controller's port may change between starts.
        props.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + host + ":" + settings.port() + ",CONTROLLER://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + settings.port());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "3");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "3");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        Path config = settings.dataDir().resolve("server.properties");
        try {
            Files.createDirectories(brokerLog.getParent());
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "Written by hookline local at each start; edit the options instead.");
            }
            return config;
        } catch (IOException e) {
            throw new HooklineException("cannot write the data dir " + settings.dataDir().toAbsolutePath() + " ("
                    + e + "); choose another with --data-dir", e);
        }
    }

    private void format(Path config) {
        String clusterId = Uuid.randomUuid().toString();
        Path formatLog = settings.dataDir().resolve("logs").resolve("format.log");
        Process format = startJava(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                config.toString()), formatLog);
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new HooklineException("formatting the broker's data dir took over 60 s; see " + formatLog);
            }
            if (format.exitValue() != 0) {
                throw new HooklineException("cannot format the broker's data dir " + logDir + ": "
                        + lastLines(formatLog, 5) + " (see " + formatLog + "; choose another dir with --data-dir)");
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HooklineException("interrupted while formatting the broker's data dir", e);
        }
    }

    private Process startJava(List<String> mainAndArgs, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms64m");
        command.add("-Xmx" + settings.heap());
        command.add("-XX:+UseG1GC");
        command.add("-XX:MaxGCPauseMillis=20");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=classpath:hookline-broker-log4j2.xml");
        command.add("-cp");
        command.add(absoluteClassPath());
        command.addAll(mainAndArgs);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new HooklineException("cannot start a Java process for the broker (" + e.getMessage() + ")", e);
        }
    }

    private static String absoluteClassPath() {
        return String.join(java.io.File.pathSeparator, Arrays.stream(
                        System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .toList());
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new HooklineException("the Kafka broker stopped during start-up (exit code "
                            + process.exitValue() + "): " + lastLines(brokerLog, 8) + " (full log: " + brokerLog + ")");
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // The broker is still starting; try again until the deadline.
                }
                if (System.nanoTime() > deadline) {
                    stop();
                    throw new HooklineException("the Kafka broker did not become ready within "
                            + settings.startupTimeout().toSeconds() + " s; see " + brokerLog);
                }
                sleep(Duration.ofMillis(250));
            }
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops the broker cleanly (SIGTERM, then its own shutdown), forcibly after 30 s; it can be started again. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String lastLines(Path file, int count) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> errors = lines.stream().filter(line -> line.contains("ERROR") || line.contains("Exception")).toList();
            List<String> source = errors.isEmpty() ? lines : errors;
            return String.join(" | ", source.subList(Math.max(0, source.size() - count), source.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HooklineException("interrupted while waiting for the broker", e);
        }
    }
}
