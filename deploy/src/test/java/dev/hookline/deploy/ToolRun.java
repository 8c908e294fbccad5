package dev.hookline.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program other than hookline (kcat, jq, Kafka's console consumer) run to its end as a child
 * process, bounded in time, and what it printed: the ITs check Hookline's topics with the tools
 * users read them with. Output goes to files, so a chatty program never blocks on a full pipe.
 */
record ToolRun(List<String> command, int exitCode, String out, String err) {

    /** Runs command in dir (its output files go there too); an AssertionError with the output if it overruns timeout. */
    static ToolRun of(Path dir, Duration timeout, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "tool-", ".out");
        Path err = Files.createTempFile(dir, "tool-", ".err");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(command + " still running after " + timeout + "; it printed:\n"
                    + Files.readString(out, StandardCharsets.UTF_8) + "\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new ToolRun(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static ToolRun of(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        return of(dir, timeout, Arrays.asList(command));
    }

    /** This run, failing with everything it printed unless it exited 0. */
    ToolRun succeeded() {
        if (exitCode != 0) {
            throw new AssertionError(command + " exited with " + exitCode + ":\n" + out + "\n" + err);
        }
        return this;
    }

    /**
     * The program's path on the PATH; fails (never skips) naming the Debian package to install,
     * as CI installs it.
     */
    static Path require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(program + " is not installed (not on the PATH): install the Debian package '"
                + debianPackage + "' (apt-get install " + debianPackage + ")");
    }
}
