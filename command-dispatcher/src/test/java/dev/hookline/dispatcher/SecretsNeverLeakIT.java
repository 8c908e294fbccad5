package dev.hookline.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import dev.hookline.testkit.phones.PhoneAuth;
import dev.hookline.testkit.phones.SimulatedPhone;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phones' password travels to the phones (Yealink's query login, Basic, Digest) and nowhere
 * else: not in results, log lines at DEBUG (including failures, time-outs and retries), exception
 * traces or metrics.
 */
@WithKafka
class SecretsNeverLeakIT {

    private static final String PASSWORD = "Pw-n3ver-leak-42";
    private static final String BASIC = Base64.getEncoder()
            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path temp;

    @Test
    void shouldKeepThePasswordOutOfResultsLogsAndMetrics(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("dispatcher-secrets", 1);
        Vertx vertx = Vertx.vertx();
        List<SimulatedPhone> phones = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            SimulatedPhone yealink = start(phones, vertx, "yealink", "127.0.0.30", 0,
                    PhoneAuth.queryLogin("admin", PASSWORD));
            int port = yealink.port();
            SimulatedPhone snom = start(phones, vertx, "snom", "127.0.0.31", port, PhoneAuth.digest("admin", PASSWORD));
            SimulatedPhone failing = start(phones, vertx, "hanlong", "127.0.0.32", port,
                    PhoneAuth.basic("admin", PASSWORD)).failNext(10, 500);
            SimulatedPhone silent = start(phones, vertx, "yealink", "127.0.0.33", port,
                    PhoneAuth.queryLogin("admin", PASSWORD)).slow(Duration.ofSeconds(3));
            SimulatedPhone denying = start(phones, vertx, "hanlong", "127.0.0.35", port,
                    PhoneAuth.basic("admin", "another"));
            Fixture.publishDevices(kafka, prefix, List.of(
                    Fixture.device("5ec000000001", "yealink", "127.0.0.30"),
                    Fixture.device("5ec000000002", "snom", "127.0.0.31"),
                    Fixture.device("5ec000000003", "hanlong", "127.0.0.32"),
                    Fixture.device("5ec000000004", "yealink", "127.0.0.33"),
                    Fixture.device("5ec000000005", "yealink", "127.0.0.34"),
                    Fixture.device("5ec000000006", "hanlong", "127.0.0.35")));
            List<PhoneCommand> commands = List.of(
                    Commands.dial(Fixture.newId("query-login"), "5ec000000001", "1002", Instant.now()),
                    Commands.dial(Fixture.newId("digest"), "5ec000000002", "1002", Instant.now()),
                    Commands.dial(Fixture.newId("failing"), "5ec000000003", "1002", Instant.now()),
                    Commands.dial(Fixture.newId("silent"), "5ec000000004", "1002", Instant.now()),
                    Commands.dial(Fixture.newId("refused"), "5ec000000005", "1002", Instant.now()),
                    Commands.dial(Fixture.newId("denied"), "5ec000000006", "1002", Instant.now()),
                    // A driver that quotes a bad number in its reason would quote the password here.
                    Commands.dial(Fixture.newId("invalid"), "5ec000000001", PASSWORD, Instant.now()));
            Map<String, Object> settings = Fixture.settings(kafka, prefix, port);
            settings.put(DispatcherConfig.SECRETS_FILE,
                    Fixture.secrets(temp, new Credentials("admin", PASSWORD), Map.of()).toString());
            settings.put("yealink.login", "query"); // the Yealink driver's own setting, under its old name
            settings.put(DispatcherConfig.REQUEST_TIMEOUT_MS, 300L);
            settings.put(DispatcherConfig.MAX_ATTEMPTS, 2);
            Map<String, List<CommandResult>> results;
            String metrics;
            try (CommandDispatcher dispatcher = Fixture.dispatcher(settings).start()) {
                Fixture.publishCommands(kafka, prefix, commands);
                results = Fixture.awaitResults(kafka, prefix, commands.stream().map(PhoneCommand::getCommandId).toList(),
                        Duration.ofSeconds(20));
                metrics = dispatcher.metrics().scrape();
            }

            assertThat(results.values().stream().flatMap(List::stream).map(CommandResult::getStatus))
                    .as("every path was taken").containsExactlyInAnyOrder(CommandStatus.DELIVERED,
                            CommandStatus.DELIVERED, CommandStatus.FAILED, CommandStatus.UNREACHABLE,
                            CommandStatus.UNREACHABLE, CommandStatus.AUTH_FAILED, CommandStatus.INVALID);
            assertThat(yealink.requests()).singleElement().satisfies(request ->
                    assertThat(request.rawUri()).as("the password did reach the phone").contains("pwd=" + PASSWORD));
            assertThat(snom.requests()).last().satisfies(request ->
                    assertThat(request.header("Authorization")).startsWith("Digest "));
            assertThat(failing.requests()).hasSize(2).allSatisfy(request ->
                    assertThat(request.header("Authorization")).isEqualTo("Basic " + BASIC));
            assertThat(silent.requests()).as("timed out twice").hasSize(2);
            assertThat(denying.requests()).as("401 is not retried").hasSize(1);
            assertThat(logs.lines()).as("the capture works").anyMatch(line -> line.contains("Sending"))
                    .anyMatch(line -> line.contains("AUTH_FAILED"));
            assertThat(results.values().stream().flatMap(List::stream).map(CommandResult::toString))
                    .noneMatch(result -> result.contains(PASSWORD));
            assertThat(logs.lines()).noneMatch(line -> line.contains(PASSWORD) || line.contains(BASIC));
            assertThat(metrics).doesNotContain(PASSWORD);
        } finally {
            phones.forEach(SimulatedPhone::close);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static SimulatedPhone start(List<SimulatedPhone> phones, Vertx vertx, String vendor, String host,
                                        int port, PhoneAuth auth) {
        SimulatedPhone phone = SimulatedPhone.builder(vendor).vertx(vertx).host(host).port(port).auth(auth).start();
        phones.add(phone);
        return phone;
    }
}
