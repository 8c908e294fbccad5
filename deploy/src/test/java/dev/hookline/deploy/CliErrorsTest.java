package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.deploy.local.LocalPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's mistakes get one clear line naming the cause and the option, and a non-zero exit. */
class CliErrorsTest {

    @TempDir
    Path temp;

    /** Client properties that give up on an absent broker in 2 s rather than the CLI's 10 s. */
    private Path quickClientConfig() throws IOException {
        return Files.writeString(temp.resolve("client.properties"),
                "default.api.timeout.ms=2000\nrequest.timeout.ms=1000\n");
    }

    @Test
    void shouldNameTheAddressAndOptionWhenNoBrokerAnswers() throws IOException {
        int closedPort = LocalPorts.findFree("localhost");

        CliRun run = CliRun.of("topics", "list", "--bootstrap-server", "localhost:" + closedPort,
                "--command-config", quickClientConfig().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("cannot reach Kafka at localhost:" + closedPort)
                .contains("--bootstrap-server")
                .doesNotContain("\tat ");
    }

    @Test
    void shouldShowTheStackTraceOnlyWithVerbose() throws IOException {
        int closedPort = LocalPorts.findFree("localhost");

        CliRun run = CliRun.of("topics", "list", "--verbose", "--bootstrap-server", "localhost:" + closedPort,
                "--command-config", quickClientConfig().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach Kafka").contains("\tat ");
    }

    @Test
    void shouldNameTheDataDirOptionWhenTheDataDirCannotBeWritten() throws IOException {
        Path aFile = Files.writeString(temp.resolve("not-a-dir"), "x");

        CliRun run = CliRun.of("local", "--data-dir", aFile.resolve("data").toString(),
                "--kafka-port", Integer.toString(LocalPorts.findFree("localhost")));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot write the data dir").contains("--data-dir").doesNotContain("\tat ");
    }

    @Test
    void shouldNameTheKafkaPortOptionWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("localhost", 0));

            CliRun run = CliRun.of("local", "--data-dir", temp.resolve("data").toString(),
                    "--kafka-port", Integer.toString(taken.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err())
                    .contains("port " + taken.getLocalPort())
                    .contains("already in use")
                    .contains("--kafka-port");
        }
    }

    @Test
    void shouldRefuseAnUnknownServiceBeforeStartingTheBroker() {
        CliRun run = CliRun.of("local", "--data-dir", temp.resolve("data").toString(), "--services", "gateway,bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown service 'bogus'").contains("--services");
        assertThat(run.out()).doesNotContain("Starting Kafka");
    }

    @Test
    void shouldRefuseFewerThanOneBrokerBeforeStartingAny() {
        CliRun run = CliRun.of("local", "--data-dir", temp.resolve("data").toString(), "--brokers", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--brokers must be at least 1, not 0");
        assertThat(run.out()).doesNotContain("Starting Kafka");
    }

    @Test
    void shouldNameTheBrokersOptionWhenTheDataDirHoldsAClusterOfAnotherSize() throws IOException {
        Path data = temp.resolve("single");
        Files.createDirectories(data.resolve("kafka"));
        Files.writeString(data.resolve("kafka").resolve("meta.properties"), "node.id=1\n");

        CliRun run = CliRun.of("local", "--data-dir", data.toString(), "--brokers", "3",
                "--kafka-port", Integer.toString(LocalPorts.findFree("localhost")));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("holds a cluster of 1 broker").contains("--brokers 1").contains("--data-dir")
                .doesNotContain("\tat ");
        assertThat(data.resolve("kafka-1")).doesNotExist();
    }

    @Test
    void shouldNameTheCommandConfigOptionWhenItsFileIsMissing() {
        CliRun run = CliRun.of("topics", "list", "--command-config", temp.resolve("missing.properties").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot read the client config").contains("--command-config");
    }

    @Test
    void shouldNameThePortOptionWhenTheGatewayPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));

            CliRun run = CliRun.of("gateway", "--port", Integer.toString(taken.getLocalPort()),
                    "--set", "http.host=127.0.0.1", "--set", "spool.dir=" + temp.resolve("spool"));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("port " + taken.getLocalPort()).contains("--port").doesNotContain("\tat ");
        }
    }

    @Test
    void shouldNameTheSettingWhenAGatewaySettingIsBad() {
        CliRun run = CliRun.of("gateway", "--set", "http.max.uri.length=tiny");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("http.max.uri.length").contains("tiny").doesNotContain("\tat ");
    }

    @Test
    void shouldListTheKnownTopicsWhenTailIsGivenAnUnknownOne() {
        CliRun run = CliRun.of("tail", "calls", "--bootstrap-server", "localhost:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("calls is not a Hookline topic").contains("call.sessions.v1");
    }

    @Test
    void shouldRejectAnUnknownOptionWithUsageExitCode() {
        CliRun run = CliRun.of("topics", "list", "--bootstrap", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option").contains("--bootstrap-server");
    }
}
