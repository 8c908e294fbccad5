package dev.hookline.dispatcher.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.Commands;
import dev.hookline.dispatcher.DispatcherMetrics;
import dev.hookline.dispatcher.TestDriver;
import dev.hookline.dispatcher.VirtualClock;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.service.Networks;
import dev.hookline.dispatcher.guard.PhonePacer;
import dev.hookline.dispatcher.http.SendFailure;
import dev.hookline.dispatcher.kafka.SourcePosition;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The decisions and delivery of one command, with test doubles and virtual time (no network, no Kafka). */
class CommandHandlerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String PASSWORD = "s3cr3t-Pa55";
    private static final String PHONE = "805ec0a1b2c3";

    private final VirtualClock clock = new VirtualClock(T0);
    private final List<Long> waits = new ArrayList<>();
    private final Delays delays = millis -> {
        waits.add(millis);
        clock.advance(millis);
        return Future.succeededFuture();
    };
    private final ScriptedSender phone = new ScriptedSender();
    private final CommandLedger ledger = new CommandLedger(1000);
    private final DispatcherMetrics metrics = new DispatcherMetrics();
    private final List<String> delivered = new ArrayList<>();
    private final Map<String, PhoneTarget> devices = Map.of(
            PHONE, new PhoneTarget(PHONE, TestDriver.VENDOR, "T1", "10.1.2.3", 80),
            "outside", new PhoneTarget("outside", TestDriver.VENDOR, "T1", "198.51.100.7", 80),
            "nodriver", new PhoneTarget("nodriver", "nokia", null, "10.1.2.4", 80));
    private final CommandHandler handler = new CommandHandler(ledger, id -> Optional.ofNullable(devices.get(id)),
            Networks.of(List.of("10.0.0.0/8")),
            vendor -> vendor.equals(TestDriver.VENDOR) ? Optional.of(new TestDriver()) : Optional.empty(),
            target -> Optional.of(new Credentials("admin", PASSWORD)),
            new Delivery(phone, new PhonePacer(2.0), new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2)),
                    delays, clock, metrics, (command, target, reply) -> delivered.add(command.getCommandId())),
            clock, Duration.ofSeconds(60));
    private long nextOffset;

    private Outcome handle(PhoneCommand command) {
        Future<Outcome> outcome = handler.handle(new PendingCommand(new TopicPartition("c", 0), nextOffset++, command, 0));
        assertThat(outcome.isComplete()).as("virtual time: done at once").isTrue();
        return outcome.result();
    }

    private CommandResult result(PhoneCommand command) {
        Outcome outcome = handle(command);
        assertThat(outcome).isInstanceOf(Outcome.Publish.class);
        return ((Outcome.Publish) outcome).result();
    }

    @Test
    void shouldDeliverACommandAndDescribeIt() {
        CommandResult result = result(Commands.dial("c1", PHONE, "1002", T0));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.DELIVERED);
        assertThat(result.getHttpStatus()).isEqualTo(200);
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(result.getCommandId()).isEqualTo("c1");
        assertThat(result.getDeviceId()).isEqualTo(PHONE);
        assertThat(result.getAction()).isEqualTo(CommandAction.DIAL);
        assertThat(result.getCompletedAt()).isEqualTo(T0);
        assertThat(phone.sent).singleElement().satisfies(request ->
                assertThat(request.pathAndQuery()).startsWith("/cmd?id=c1&action=DIAL&number=1002"));
        assertThat(delivered).as("the reply sink hears of delivered answers").containsExactly("c1");
    }

    @Test
    void shouldAnswerARepeatedCommandIdAsDuplicateWithoutSending() {
        result(Commands.dial("c1", PHONE, "1002", T0));
        CommandResult again = result(Commands.dial("c1", PHONE, "1002", T0));

        assertThat(again.getStatus()).isEqualTo(CommandStatus.DUPLICATE);
        assertThat(again.getAttempts()).isZero();
        assertThat(phone.sent).hasSize(1);
    }

    @Test
    void shouldSkipARecordThatAlreadyHasAResult() {
        ledger.resultPublished("c1", new SourcePosition(0, 0));

        assertThat(handle(Commands.dial("c1", PHONE, "1002", T0))).isInstanceOf(Outcome.AlreadyAnswered.class);
        assertThat(phone.sent).isEmpty();
    }

    @Test
    void shouldExpireSixtySecondsAfterRequestedAtByDefault() {
        clock.advance(60_001);

        CommandResult result = result(Commands.dial("c1", PHONE, "1002", T0));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.EXPIRED);
        assertThat(result.getLatencyMillis()).isEqualTo(60_001);
        assertThat(phone.sent).isEmpty();
    }

    @Test
    void shouldHonourAnExplicitExpiresAt() {
        PhoneCommand longLived = Commands.expiring(Commands.dial("c1", PHONE, "1002", T0), T0.plusSeconds(600));
        PhoneCommand shortLived = Commands.expiring(Commands.dial("c2", PHONE, "1002", T0), T0.plusMillis(10));
        clock.advance(120_000);

        assertThat(result(longLived).getStatus()).isEqualTo(CommandStatus.DELIVERED);
        assertThat(result(shortLived).getStatus()).isEqualTo(CommandStatus.EXPIRED);
    }

    @Test
    void shouldNotSendToUnknownDevicesForeignNetworksOrVendorsWithoutDriver() {
        assertThat(result(Commands.dial("c1", "nobody", "1", T0)).getStatus()).isEqualTo(CommandStatus.UNKNOWN_DEVICE);
        assertThat(result(Commands.dial("c2", "outside", "1", T0)).getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(result(Commands.dial("c3", "nodriver", "1", T0)).getStatus()).isEqualTo(CommandStatus.UNSUPPORTED);
        assertThat(phone.sent).isEmpty();
    }

    @Test
    void shouldAnswerUnsupportedAndInvalidTranslationsWithoutSending() {
        CommandResult reboot = result(Commands.action("c1", PHONE, CommandAction.REBOOT, T0));
        CommandResult badNumber = result(Commands.dial("c2", PHONE, "10&key=Reboot", T0));

        assertThat(reboot.getStatus()).isEqualTo(CommandStatus.UNSUPPORTED);
        assertThat(badNumber.getStatus()).isEqualTo(CommandStatus.INVALID);
        assertThat(badNumber.getDetail()).contains("not a number");
        assertThat(phone.sent).isEmpty();
    }

    @Test
    void shouldRetryA5xxAndReportTheAttempts() {
        phone.answers(503).answers(200);

        CommandResult result = result(Commands.dial("c1", PHONE, "1002", T0));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.DELIVERED);
        assertThat(result.getAttempts()).isEqualTo(2);
        assertThat(phone.sent).hasSize(2);
        assertThat(waits).as("one back-off (200 ms +-50%), no pacing wait beyond it")
                .anySatisfy(wait -> assertThat(wait).isBetween(100L, 300L));
        assertThat(metrics.scrape()).contains("hookline_dispatcher_retries_total{vendor=\"testvendor\"} 1.0");
    }

    @Test
    void shouldGiveUpAsFailedWhenThePhoneKeepsAnswering5xx() {
        phone.answers(500);

        CommandResult result = result(Commands.dial("c1", PHONE, "1002", T0));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.FAILED);
        assertThat(result.getHttpStatus()).isEqualTo(500);
        assertThat(result.getAttempts()).isEqualTo(3);
        assertThat(phone.sent).hasSize(3);
    }

    @Test
    void shouldReportUnreachableAfterRetryingConnectFailuresAndTimeouts() {
        phone.fails(SendFailure.Kind.CONNECT).fails(SendFailure.Kind.TIMEOUT).fails(SendFailure.Kind.CONNECT);

        CommandResult result = result(Commands.dial("c1", PHONE, "1002", T0));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.UNREACHABLE);
        assertThat(result.getHttpStatus()).isNull();
        assertThat(result.getAttempts()).isEqualTo(3);
        assertThat(result.getDetail()).contains("3 attempts");
    }

    @Test
    void shouldNotRetryWhenTheConnectionBrokeAfterTheRequestWentOut() {
        phone.fails(SendFailure.Kind.BROKEN);

        CommandResult result = result(Commands.dial("c1", PHONE, "1002", T0));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.FAILED);
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(phone.sent).hasSize(1);
    }

    @Test
    void shouldMapAuthAndPermissionAnswersWithoutRetrying() {
        phone.answers(401).answers(403);

        CommandResult denied = result(Commands.dial("c1", PHONE, "1002", T0));
        CommandResult forbidden = result(Commands.dial("c2", PHONE, "1002", T0));

        assertThat(delivered).as("only delivered answers reach the reply sink").isEmpty();
        assertThat(denied.getStatus()).isEqualTo(CommandStatus.AUTH_FAILED);
        assertThat(denied.getHttpStatus()).isEqualTo(401);
        assertThat(forbidden.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(phone.sent).hasSize(2);
    }

    @Test
    void shouldStopRetryingWhenTheBackOffWouldEndAfterTheCommandExpires() {
        phone.fails(SendFailure.Kind.CONNECT);
        PhoneCommand command = Commands.expiring(Commands.dial("c1", PHONE, "1002", T0), T0.plusMillis(50));

        CommandResult result = result(command);

        assertThat(result.getStatus()).isEqualTo(CommandStatus.UNREACHABLE);
        assertThat(result.getAttempts()).isEqualTo(1);
    }

    @Test
    void shouldPaceCommandsToOnePhone() {
        result(Commands.dial("c1", PHONE, "1", T0));
        result(Commands.dial("c2", PHONE, "2", T0));
        result(Commands.dial("c3", PHONE, "3", T0));

        assertThat(waits).containsExactly(0L, 500L, 500L);
    }

    @Test
    void shouldExpireACommandWhosePacingWaitOutlastsIt() {
        PhoneCommand first = Commands.dial("c1", PHONE, "1", T0);
        PhoneCommand second = Commands.expiring(Commands.dial("c2", PHONE, "2", T0), T0.plusMillis(100));

        result(first);
        CommandResult late = result(second);

        assertThat(late.getStatus()).isEqualTo(CommandStatus.EXPIRED);
        assertThat(late.getAttempts()).isZero();
        assertThat(phone.sent).hasSize(1);
    }

    @Test
    void shouldNeverPutThePasswordInADetail() {
        phone.answers(418);

        CommandResult result = result(Commands.dial("c1", PHONE, "1002", T0));

        assertThat(phone.sent.get(0).pathAndQuery()).as("the driver did use it").contains(PASSWORD);
        assertThat(result.getStatus()).isEqualTo(CommandStatus.FAILED);
        assertThat(Redaction.scrub("echo: /cmd?pwd=" + PASSWORD, Optional.of(new Credentials("admin", PASSWORD))))
                .isEqualTo("echo: /cmd?pwd=****");
        assertThat(result.toString()).doesNotContain(PASSWORD);
    }
}
