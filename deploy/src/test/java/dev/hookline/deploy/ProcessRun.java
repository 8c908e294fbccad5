package dev.hookline.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A program run to its end as a child process, with what it printed; killed if it overruns its time. */
record ProcessRun(List<String> command, int exitCode, String out, String err) {

    static ProcessRun of(Duration timeout, List<String> command) throws IOException, InterruptedException {
        // Output to files, not pipes: a pipe nobody reads blocks a talkative process.
        Path out = Files.createTempFile("process-out-", ".txt");
        Path err = Files.createTempFile("process-err-", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " still running after " + timeout + ", killed.\nstdout:\n"
                        + Files.readString(out, StandardCharsets.UTF_8) + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new ProcessRun(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Fails with the command and its output unless it exited with 0. */
    ProcessRun requireSuccess() {
        if (exitCode != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + exitCode + "\nstdout:\n" + out
                    + "\nstderr:\n" + err);
        }
        return this;
    }

    /** For assertion messages. */
    String describe() {
        return String.join(" ", command) + " (exit " + exitCode + ")\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
