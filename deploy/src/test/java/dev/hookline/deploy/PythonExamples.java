package dev.hookline.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Python examples of {@code examples/python}, run as a user runs them: with Debian's
 * {@code /usr/bin/python3} and its packaged modules (a pyenv {@code python3} on the PATH has none).
 */
final class PythonExamples {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path DIR = Path.of("..", "examples", "python").toAbsolutePath().normalize();
    /** Module and the Debian package that ships it for /usr/bin/python3. */
    static final Map<String, String> KAFKA_MODULES = Map.of("confluent_kafka", "python3-confluent-kafka", "avro", "python3-avro");
    static final Map<String, String> POSTGRES_MODULE = Map.of("psycopg2", "python3-psycopg2");

    private PythonExamples() {
    }

    /** Fails, naming the Debian package to install, when /usr/bin/python3 cannot import a module. */
    static void requireModules(Map<String, String> modulesAndPackages) throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            throw new AssertionError(PYTHON + " is missing: install Debian's python3 package (apt-get install python3)");
        }
        for (Map.Entry<String, String> module : modulesAndPackages.entrySet()) {
            ProcessRun check = ProcessRun.of(Duration.ofSeconds(60), List.of(PYTHON.toString(), "-c", "import " + module.getKey()));
            if (check.exitCode() != 0) {
                throw new AssertionError("Python module " + module.getKey() + " is missing for " + PYTHON + ": install Debian's "
                        + module.getValue() + " package (apt-get install " + module.getValue() + ")\n" + check.err());
            }
        }
    }

    /** Runs examples/python/script with the arguments to its end (at most timeout). */
    static ProcessRun run(Duration timeout, String script, String... args) throws Exception {
        // -B: no __pycache__ written into the repository.
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-B", DIR.resolve(script).toString()));
        command.addAll(List.of(args));
        return ProcessRun.of(timeout, command);
    }
}
