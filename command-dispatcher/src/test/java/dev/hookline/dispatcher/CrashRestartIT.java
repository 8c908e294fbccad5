package dev.hookline.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import dev.hookline.testkit.phones.PhoneAuth;
import dev.hookline.testkit.phones.ReceivedRequest;
import dev.hookline.testkit.phones.SimulatedPhone;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dispatcher that stops abruptly mid-stream (no commit, unacknowledged results dropped) and a
 * new one in its place: commands whose results were published are not sent again, and every
 * command ends with exactly one result.
 */
@WithKafka
class CrashRestartIT {

    private static final String DEVICE = "805ec0c0ffee";
    private static final int COMMANDS = 30;

    @TempDir
    Path temp;

    @Test
    void shouldNotResendCommandsWhoseResultsWerePublishedBeforeACrash(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("dispatcher-crash", 1);
        Credentials login = new Credentials("admin", "pw");
        try (SimulatedPhone phone = SimulatedPhone.builder("yealink").host("127.0.0.20")
                .auth(PhoneAuth.basic(login.username(), login.password())).delay(Duration.ofMillis(150)).start()) {
            Fixture.publishDevices(kafka, prefix, List.of(Fixture.device(DEVICE, "yealink", "127.0.0.20")));
            List<PhoneCommand> commands = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                commands.add(Commands.dial(Fixture.newId("c" + i), DEVICE, Integer.toString(1000 + i), Instant.now()));
            }
            List<String> ids = commands.stream().map(PhoneCommand::getCommandId).toList();
            Map<String, Object> settings = Fixture.settings(kafka, prefix, phone.port());
            settings.put(DispatcherConfig.SECRETS_FILE, Fixture.secrets(temp, login, Map.of()).toString());
            // No periodic commit: everything the first dispatcher did is read again after the crash.
            settings.put(DispatcherConfig.COMMIT_INTERVAL_MS, 600_000L);
            settings.put("kafka.session.timeout.ms", 6000);

            CommandDispatcher first = Fixture.dispatcher(settings).start();
            Fixture.publishCommands(kafka, prefix, commands);
            Fixture.readResultsUntil(kafka, prefix, results -> results.size() >= 10, false, Duration.ofSeconds(20));
            first.abort();
            Map<String, List<CommandResult>> beforeCrash = Fixture.readResults(kafka, prefix, List.of(),
                    Duration.ofSeconds(1));

            try (CommandDispatcher second = Fixture.dispatcher(settings).start()) {
                assertThat(second.live()).isTrue();
                Map<String, List<CommandResult>> results = Fixture.awaitResults(kafka, prefix, ids, Duration.ofSeconds(40));

                assertThat(beforeCrash.size()).as("results before the crash came mid-stream").isBetween(10, COMMANDS - 1);
                assertThat(ids).allSatisfy(id -> assertThat(Fixture.only(results, id).getStatus())
                        .as(id).isEqualTo(CommandStatus.DELIVERED));
                Map<String, Long> sends = phone.requests().stream().collect(Collectors.groupingBy(
                        ReceivedRequest::rawUri, Collectors.counting()));
                for (PhoneCommand command : commands) {
                    Long sent = sends.get("/servlet?key=number=" + command.getNumber());
                    if (beforeCrash.containsKey(command.getCommandId())) {
                        assertThat(sent).as("sends of %s, answered before the crash", command.getNumber()).isEqualTo(1L);
                    } else {
                        assertThat(sent).as("sends of %s", command.getNumber()).isBetween(1L, 2L);
                    }
                }
            }
            assertThat(committed(kafka, settings, prefix)).as("committed after a graceful close").isEqualTo(COMMANDS);
        }
    }

    private static long committed(KafkaBroker kafka, Map<String, Object> settings, String prefix) throws Exception {
        try (Admin admin = kafka.adminClient()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                    (String) settings.get(DispatcherConfig.GROUP_ID)).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            OffsetAndMetadata offset = offsets.get(new TopicPartition(Topics.PHONE_COMMANDS.name(prefix), 0));
            return offset == null ? -1 : offset.offset();
        }
    }
}
