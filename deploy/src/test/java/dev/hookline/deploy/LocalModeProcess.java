package dev.hookline.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar hookline.jar local ...} as a real child process, as a user runs it. */
final class LocalModeProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "hookline.jar");

    private final Process process;
    private final Path output;

    private LocalModeProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static LocalModeProcess start(Path dataDir, int kafkaPort, Path output, String... options) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the ITs with 'mvn verify'");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", JAR.toString(), "local",
                "--data-dir", dataDir.toString(), "--kafka-port", Integer.toString(kafkaPort)));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        return new LocalModeProcess(process, output);
    }

    /** Waits until the whole ready banner is printed (its last line); fails early if the process dies. */
    LocalModeProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains("hookline local ready") && output().contains("Press Ctrl-C to stop.")) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError("hookline local exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("hookline local not ready within " + timeout + ":\n" + output());
    }

    /** Waits for the process to end by itself (e.g. after an error). */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("hookline local still running after " + timeout);
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** Every process started by this one (the broker's JVM). */
    List<ProcessHandle> children() {
        return process.descendants().toList();
    }

    /** SIGTERM, as Ctrl-C or a service manager sends, then the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
