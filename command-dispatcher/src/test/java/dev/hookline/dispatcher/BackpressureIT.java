package dev.hookline.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import dev.hookline.testkit.phones.SimulatedPhone;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-flight bound: consumption pauses when it is reached and resumes as commands finish. */
@WithKafka
class BackpressureIT {

    private static final int PHONES = 10;
    private static final int PER_PHONE = 6;
    private static final int MAX_IN_FLIGHT = 8;

    @TempDir
    Path temp;

    @Test
    void shouldNeverHoldMoreCommandsThanTheBoundAllowsAndStillFinishAll(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("dispatcher-bound", 2);
        Vertx vertx = Vertx.vertx();
        List<SimulatedPhone> phones = new ArrayList<>();
        try {
            List<PhoneCommand> commands = new ArrayList<>();
            int port = 0;
            for (int i = 0; i < PHONES; i++) {
                SimulatedPhone phone = SimulatedPhone.builder("hanlong").vertx(vertx).host("127.0.0." + (50 + i))
                        .port(port).delay(Duration.ofMillis(50)).start();
                port = phone.port();
                phones.add(phone);
                String device = String.format("001fc10000%02d", i);
                Fixture.publishDevices(kafka, prefix, List.of(Fixture.device(device, "hanlong", phone.host())));
                for (int n = 0; n < PER_PHONE; n++) {
                    commands.add(Commands.dial(Fixture.newId("b"), device, Integer.toString(100 + n), Instant.now()));
                }
            }
            Map<String, Object> settings = Fixture.settings(kafka, prefix, port);
            settings.put(DispatcherConfig.SECRETS_FILE, Fixture.secrets(temp, new Credentials("admin", "pw"), Map.of()).toString());
            settings.put(DispatcherConfig.MAX_IN_FLIGHT, MAX_IN_FLIGHT);
            Fixture.publishCommands(kafka, prefix, commands);

            double most = 0;
            Map<String, List<CommandResult>> results;
            try (CommandDispatcher dispatcher = Fixture.dispatcher(settings).start()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline && phones.stream().mapToInt(p -> p.requests().size()).sum() < commands.size()) {
                    most = Math.max(most, dispatcher.metrics().registry().get("hookline.dispatcher.in.flight").gauge().value());
                    Thread.sleep(2);
                }
                results = Fixture.awaitResults(kafka, prefix, commands.stream().map(PhoneCommand::getCommandId).toList(),
                        Duration.ofSeconds(20));
            }

            assertThat(results.values()).allSatisfy(list ->
                    assertThat(list).singleElement().extracting(CommandResult::getStatus).isEqualTo(CommandStatus.DELIVERED));
            // One poll may add up to max.poll.records (= the bound here) past the bound before the pause.
            assertThat(most).as("most commands in flight").isGreaterThan(1).isLessThanOrEqualTo(2 * MAX_IN_FLIGHT);
        } finally {
            phones.forEach(SimulatedPhone::close);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
