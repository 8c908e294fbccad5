package dev.hookline.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import dev.hookline.testkit.phones.PhoneAuth;
import dev.hookline.testkit.phones.SimulatedPhone;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The periodic status poll: phones that answer a poll are polled, their state lands in phone.raw.v1. */
@WithKafka
class StatusPollIT {

    private static final String YEALINK = "805ec0000a01";
    private static final String SNOM = "000413000a02";

    @TempDir
    Path temp;

    @Test
    void shouldPollPhonesThatAnswerAPollAndPublishWhatTheyReport(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("dispatcher-poll", 2);
        Vertx vertx = Vertx.vertx();
        Credentials login = new Credentials("admin", "pw");
        try (SimulatedPhone yealink = SimulatedPhone.builder("yealink").vertx(vertx).host("127.0.0.40")
                .auth(PhoneAuth.basic("admin", "pw")).account("2001@pbx.example").firmware("66.86.0.99").start();
             SimulatedPhone snom = SimulatedPhone.builder("snom").vertx(vertx).host("127.0.0.41")
                     .port(yealink.port()).start()) {
            Fixture.publishDevices(kafka, prefix, List.of(
                    Fixture.device(YEALINK, "yealink", "127.0.0.40"),
                    Fixture.device(SNOM, "snom", "127.0.0.41")));
            Map<String, Object> settings = Fixture.settings(kafka, prefix, yealink.port());
            settings.put(DispatcherConfig.SECRETS_FILE, Fixture.secrets(temp, login, Map.of()).toString());
            settings.put(DispatcherConfig.POLL_INTERVAL_MS, 1000L);

            List<RawPhoneRequest> polls;
            try (CommandDispatcher dispatcher = Fixture.dispatcher(settings).start()) {
                polls = Fixture.readRaw(kafka, prefix, records -> records.size() >= 2, Duration.ofSeconds(20));
                assertThat(dispatcher.ready()).isTrue();
            }
            Map<String, List<CommandResult>> results = Fixture.readResultsUntil(kafka, prefix,
                    read -> read.size() >= 2, Duration.ofSeconds(10));

            assertThat(polls).hasSizeGreaterThanOrEqualTo(2).allSatisfy(record -> {
                assertThat(record.getSource()).isEqualTo(EventSource.POLL);
                assertThat(record.getDeviceId()).isEqualTo(YEALINK);
                assertThat(record.getQuery()).contains("firmware=66.86.0.99").contains("registered=2001%40pbx.example");
            });
            assertThat(results.values().stream().flatMap(List::stream)).allSatisfy(result -> {
                assertThat(result.getAction()).isEqualTo(CommandAction.POLL_STATUS);
                assertThat(result.getDeviceId()).isEqualTo(YEALINK);
                assertThat(result.getStatus()).isEqualTo(CommandStatus.DELIVERED);
                assertThat(result.getCommandId()).startsWith("poll-" + YEALINK + "-");
            });
            assertThat(yealink.requests()).allSatisfy(request ->
                    assertThat(request.rawUri()).isEqualTo("/servlet?phonecfg=get&accounts=1&dnd=1&fw=1"));
            assertThat(snom.requests()).as("Snom answers no poll: never polled").isEmpty();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
