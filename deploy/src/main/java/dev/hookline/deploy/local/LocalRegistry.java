package dev.hookline.deploy.local;

import dev.hookline.deploy.HooklineException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A schema registry for local mode and tests: Apicurio Registry (its Quarkus runner jar, which the
 * deploy module's build unpacks from Maven Central) in a child JVM on a loopback port, with
 * in-memory storage. Its Confluent-compatible API ({@link #ccompatUrl()}) is what the
 * {@code avro-registry} format and every Confluent client talk to.
 */
public final class LocalRegistry implements AutoCloseable {

    /** Where the runner jar is, when not beside hookline.jar (the tests set it). */
    public static final String JAR_PROPERTY = "hookline.registry.jar";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final String host;
    private final int port;
    private final Path log;

    private LocalRegistry(Process process, String host, int port, Path log) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a registry on host:port (0: a free port) and waits until it is ready.
     *
     * @param log where its output goes
     */
    public static LocalRegistry start(String host, int port, Path log) {
        Path jar = runnerJar();
        int chosen = port == 0 ? LocalPorts.findFree(host) : port;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dquarkus.http.host=" + host);
        command.add("-Dquarkus.http.port=" + chosen);
        // One listener only: no management interface.
        command.add("-Dquarkus.management.enabled=false");
        command.add("-jar");
        command.add(jar.toString());
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(command).directory(jar.getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new HooklineException("cannot start the schema registry (" + e.getMessage() + ")", e);
        }
        LocalRegistry registry = new LocalRegistry(process, host, chosen, log);
        try {
            registry.awaitReady();
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** The runner jar: the system property, else the one the build unpacked beside hookline.jar. */
    static Path runnerJar() {
        String property = System.getProperty(JAR_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path jar = Path.of(property);
            if (!Files.isRegularFile(jar)) {
                throw new HooklineException("no schema registry jar at " + jar + " (" + JAR_PROPERTY + ")");
            }
            return jar;
        }
        Optional<Path> beside = besideOwnJar();
        return beside.orElseThrow(() -> new HooklineException("the schema registry is not unpacked: build with Maven "
                + "(mvn package -pl deploy -am unpacks it into deploy/target/apicurio-registry/), or set -D"
                + JAR_PROPERTY + "=<apicurio-registry-app-...-runner.jar>"));
    }

    private static Optional<Path> besideOwnJar() {
        try {
            Path own = Path.of(LocalRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = (Files.isDirectory(own) ? own.getParent() : own.getParent()).resolve("apicurio-registry");
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "apicurio-registry-app-*-runner.jar")) {
                for (Path jar : jars) {
                    return Optional.of(jar);
                }
            }
            return Optional.empty();
        } catch (IOException | java.net.URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new HooklineException("the schema registry exited with " + process.exitValue()
                            + " while starting (port " + port + " taken?); its log: " + log);
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HooklineException("interrupted while the schema registry started", e);
        }
        throw new HooklineException("the schema registry was not ready within " + READY_TIMEOUT.toSeconds()
                + " s; its log: " + log);
    }

    public String baseUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The Confluent-compatible API: what registry.url, and a Confluent client's schema.registry.url, point at. */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    /** Apicurio's own API (what Apicurio's serdes talk to). */
    public String apicurioUrl() {
        return baseUrl() + "/apis/registry/v2";
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: Quarkus shuts down cleanly
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
