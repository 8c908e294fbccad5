package dev.hookline.deploy;

import dev.hookline.deploy.local.LocalPorts;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from Debian's {@code postgresql} package: a new cluster in a
 * temporary folder, on a free port of 127.0.0.1 with its Unix socket in that folder, trusting
 * every local connection. PostgreSQL refuses to run as root, so as root (CI) it runs as the
 * {@code postgres} system user the package creates. {@link #close()} stops it and removes the folder.
 */
final class LocalPostgres implements AutoCloseable {

    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private final Path bin;
    private final Path dir;
    private final boolean asPostgresUser;
    private final Thread stopAtExit = new Thread(this::stopQuietly, "postgres-stop");
    private int port;
    private boolean started;

    private LocalPostgres(Path bin, Path dir, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.asPostgresUser = asPostgresUser;
    }

    /** initdb, then pg_ctl start; fails naming the Debian package when PostgreSQL is not installed. */
    static LocalPostgres start() throws Exception {
        Path bin = serverBinaries().orElseThrow(() -> new AssertionError("PostgreSQL's server is missing (no "
                + VERSIONS + "/<version>/bin/initdb): install Debian's postgresql package (apt-get install postgresql)"));
        boolean root = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        Path dir = Files.createTempDirectory("hookline-postgres-");
        LocalPostgres postgres = new LocalPostgres(bin, dir, root);
        try {
            if (root) {
                ProcessRun user = ProcessRun.of(LIMIT, List.of("id", "-u", "postgres"));
                if (user.exitCode() != 0) {
                    throw new AssertionError("Running as root, PostgreSQL needs the postgres system user that Debian's "
                            + "postgresql package creates: install it (apt-get install postgresql)");
                }
                ProcessRun.of(LIMIT, List.of("chown", "-R", "postgres:postgres", dir.toString())).requireSuccess();
            }
            postgres.run("initdb", "-D", postgres.data().toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--locale=C", "--no-sync");
            postgres.port = LocalPorts.findFree("127.0.0.1");
            Runtime.getRuntime().addShutdownHook(postgres.stopAtExit);
            postgres.started = true;
            postgres.run("pg_ctl", "-D", postgres.data().toString(), "-l", dir.resolve("postgres.log").toString(), "-w",
                    "-t", Long.toString(LIMIT.toSeconds()), "-o", "-p " + postgres.port + " -k " + dir
                            + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
            return postgres;
        } catch (Exception | Error e) {
            try {
                postgres.close();
            } catch (Exception | Error closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The highest version's bin folder of /usr/lib/postgresql. */
    private static Optional<Path> serverBinaries() throws IOException {
        if (!Files.isDirectory(VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing((Path bin) -> bin.getParent().getFileName().toString(),
                            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder())));
        }
    }

    int port() {
        return port;
    }

    /** A new database owned by postgres. */
    void createDatabase(String name) throws SQLException {
        try (Connection connection = connect("postgres")) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        }
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    /** The libpq connection string of a database, as the Python loader takes it. */
    String dsn(String database) {
        return "host=127.0.0.1 port=" + port + " dbname=" + database + " user=postgres";
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        ProcessRun run = ProcessRun.of(LIMIT, command);
        if (run.exitCode() != 0) {
            Path log = dir.resolve("postgres.log");
            throw new AssertionError(run.describe() + (Files.exists(log) ? "\npostgres.log:\n"
                    + Files.readString(log, StandardCharsets.UTF_8) : ""));
        }
    }

    /** Stops the server (fast: open sessions are ended) and removes its folder. */
    @Override
    public void close() throws IOException {
        try {
            if (started) {
                started = false;
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
                stop();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private void stop() throws IOException {
        try {
            run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", Long.toString(LIMIT.toSeconds()), "stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new InterruptedIOException("interrupted while stopping PostgreSQL");
        } catch (AssertionError e) {
            kill();
            throw e;
        }
    }

    /** When pg_ctl could not stop it: no server may outlive the test, so it is killed by its pid. */
    private void kill() throws IOException {
        Path pidFile = data().resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException | AssertionError e) {
            System.err.println("Could not stop the test's PostgreSQL in " + dir + ": " + e);
        }
    }
}
