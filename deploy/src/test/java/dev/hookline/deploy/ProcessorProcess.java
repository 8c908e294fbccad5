package dev.hookline.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar hookline.jar processor ...} as a real child process, as an operator runs one instance. */
final class ProcessorProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "hookline.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path output;
    private final int queryPort;

    private ProcessorProcess(Process process, Path output, int queryPort) {
        this.process = process;
        this.output = output;
        this.queryPort = queryPort;
    }

    /**
     * @param settings further {@code key=value} settings, each passed as {@code --set}
     */
    static ProcessorProcess start(String bootstrap, Path stateDir, int queryPort, Path output, String... settings)
            throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the ITs with 'mvn verify'");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", JAR.toString(), "processor",
                "--bootstrap-server", bootstrap,
                "--set", "kafka.state.dir=" + stateDir,
                "--set", "query.host=127.0.0.1",
                "--set", "query.advertised.host=127.0.0.1",
                "--set", "query.port=" + queryPort));
        for (String setting : settings) {
            command.addAll(List.of("--set", setting));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new ProcessorProcess(process, output, queryPort);
    }

    /** Waits until the processor says it is ready (Kafka Streams running); fails early if it dies. */
    ProcessorProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains("stream processor ready")) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError("hookline processor exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("hookline processor not ready within " + timeout + ":\n" + output());
    }

    int queryPort() {
        return queryPort;
    }

    /** This instance's Prometheus exposition: GET /metrics on its query port (open even with access control on). */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + queryPort
                + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics on port " + queryPort + " answered " + response.statusCode());
        }
        return response.body();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /**
     * kill -9: {@link Process#destroyForcibly()} sends SIGKILL on Linux, so nothing of the
     * processor's own shutdown runs (no commit, no leave-group). Returns the exit code, 137 for SIGKILL.
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("hookline processor still alive 30 s after SIGKILL");
        }
        return process.exitValue();
    }

    /** SIGTERM (a clean shutdown), forcibly after 30 s. */
    @Override
    public void close() {
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
}
