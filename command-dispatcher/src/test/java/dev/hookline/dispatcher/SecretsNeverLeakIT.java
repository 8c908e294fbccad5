package dev.hookline.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The phones' password travels to the phones (Basic header and, with this test driver, the query)
 * and nowhere else: not in results, log lines at DEBUG (including failures, time-outs and
 * retries), exception traces or metrics.
 */
@WithKafka
class SecretsNeverLeakIT {

    private static final String PASSWORD = "Pw-n3ver-leak-42";

    @Test
    void shouldKeepThePasswordOutOfResultsLogsAndMetrics(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("dispatcher-secrets", 1);
        Vertx vertx = Vertx.vertx();
        try (LogCapture logs = new LogCapture();
             TestPhone ok = TestPhone.start(vertx, "127.0.0.8", 0);
             TestPhone denying = TestPhone.start(vertx, "127.0.0.9", ok.port()).answering(seen -> 401);
             TestPhone failing = TestPhone.start(vertx, "127.0.0.10", ok.port()).answering(seen -> 500);
             TestPhone silent = TestPhone.start(vertx, "127.0.0.11", ok.port()).slow(5000)) {
            Fixture.publishDevices(kafka, prefix, List.of(
                    Fixture.device("5ec000000001", TestDriver.VENDOR, "127.0.0.8"),
                    Fixture.device("5ec000000002", TestDriver.VENDOR, "127.0.0.9"),
                    Fixture.device("5ec000000003", TestDriver.VENDOR, "127.0.0.10"),
                    Fixture.device("5ec000000004", TestDriver.VENDOR, "127.0.0.11"),
                    Fixture.device("5ec000000005", TestDriver.VENDOR, "127.0.0.12")));
            List<PhoneCommand> commands = List.of(
                    Commands.dial(Fixture.newId("ok"), "5ec000000001", "1002", Instant.now()),
                    Commands.dial(Fixture.newId("denied"), "5ec000000002", "1002", Instant.now()),
                    Commands.dial(Fixture.newId("failing"), "5ec000000003", "1002", Instant.now()),
                    Commands.dial(Fixture.newId("silent"), "5ec000000004", "1002", Instant.now()),
                    Commands.dial(Fixture.newId("refused"), "5ec000000005", "1002", Instant.now()),
                    // A driver that quotes the bad number in its reason would quote the password here.
                    Commands.dial(Fixture.newId("invalid"), "5ec000000001", PASSWORD, Instant.now()));
            Map<String, Object> settings = Fixture.settings(kafka, prefix, ok.port());
            settings.put(DispatcherConfig.REQUEST_TIMEOUT_MS, 300L);
            settings.put(DispatcherConfig.MAX_ATTEMPTS, 2);
            Map<String, List<CommandResult>> results;
            String metrics;
            try (CommandDispatcher dispatcher = Fixture.dispatcher(settings, new Credentials("admin", PASSWORD)).start()) {
                Fixture.publishCommands(kafka, prefix, commands);
                results = Fixture.awaitResults(kafka, prefix, commands.stream().map(PhoneCommand::getCommandId).toList(),
                        Duration.ofSeconds(20));
                metrics = dispatcher.metrics().scrape();
            }

            assertThat(results.values().stream().flatMap(List::stream).map(CommandResult::getStatus))
                    .as("every path was taken").containsExactlyInAnyOrder(CommandStatus.DELIVERED,
                            CommandStatus.AUTH_FAILED, CommandStatus.FAILED, CommandStatus.UNREACHABLE,
                            CommandStatus.UNREACHABLE, CommandStatus.INVALID);
            assertThat(ok.seen().get(0).uri()).as("the password did reach the phone").contains("pwd=" + PASSWORD);
            assertThat(ok.seen().get(0).authorization()).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            assertThat(denying.seen()).as("401 is not retried").hasSize(1);
            assertThat(List.of(failing, silent)).allSatisfy(phone -> assertThat(phone.seen()).as("retried").hasSize(2));
            assertThat(logs.lines()).as("the capture works").anyMatch(line -> line.contains("Sending"));
            String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertThat(results.values().stream().flatMap(List::stream).map(CommandResult::toString))
                    .noneMatch(result -> result.contains(PASSWORD));
            assertThat(logs.lines()).noneMatch(line -> line.contains(PASSWORD) || line.contains(basic));
            assertThat(metrics).doesNotContain(PASSWORD);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
