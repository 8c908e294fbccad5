package dev.hookline.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.PollStatus;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import dev.hookline.testkit.phones.PhoneAuth;
import dev.hookline.testkit.phones.ReceivedRequest;
import dev.hookline.testkit.phones.SimulatedPhone;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One dispatcher, as deployed (Hookline's drivers, logins from a secrets file), on a real broker
 * against simulated phones on loopback addresses 127.0.0.2-7, all on one port; each test uses its
 * own devices or command ids.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatcherIT {

    private static final Credentials LOGIN = new Credentials("admin", "it-Pa55word");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long SLOW_MILLIS = 300;

    private static final String YEALINK = "805ec0000001";
    private static final String SNOM = "000413000002";
    private static final String HANLONG = "001fc1000003";
    private static final String LOCKED = "805ec0000004";
    private static final String OFF = "805ec0000005";
    private static final String AASTRA = "00085d000006";
    private static final String FOREIGN = "805ec0000007";
    private static final String NOKIA = "000000000008";

    private final KafkaBroker kafka;
    private final Vertx vertx = Vertx.vertx();
    private final List<SimulatedPhone> phones = new ArrayList<>();
    private Path secrets;
    private String prefix;
    private SimulatedPhone yealink;
    private SimulatedPhone snom;
    private SimulatedPhone hanlong;
    private SimulatedPhone locked;
    private SimulatedPhone aastra;
    private CommandDispatcher dispatcher;

    DispatcherIT(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @BeforeAll
    void start() throws Exception {
        prefix = kafka.createTopics("dispatcher", 3);
        yealink = phone("yealink", "127.0.0.2", 0, PhoneAuth.basic(LOGIN.username(), LOGIN.password()));
        int port = yealink.port();
        snom = phone("snom", "127.0.0.3", port, PhoneAuth.digest(LOGIN.username(), LOGIN.password()))
                .slow(Duration.ofMillis(SLOW_MILLIS));
        hanlong = phone("hanlong", "127.0.0.4", port, PhoneAuth.basic(LOGIN.username(), LOGIN.password()));
        locked = phone("yealink", "127.0.0.5", port, PhoneAuth.basic("admin", "another-password"));
        aastra = phone("aastra", "127.0.0.7", port, PhoneAuth.none()).refuse(true);
        Fixture.publishDevices(kafka, prefix, List.of(
                Fixture.device(YEALINK, "yealink", "127.0.0.2"),
                Fixture.device(SNOM, "snom", "127.0.0.3"),
                Fixture.device(HANLONG, "hanlong", "127.0.0.4"),
                Fixture.device(LOCKED, "yealink", "127.0.0.5"),
                Fixture.device(OFF, "yealink", "127.0.0.6"),
                Fixture.device(AASTRA, "aastra", "127.0.0.7"),
                Fixture.device(FOREIGN, "yealink", "10.99.0.1"),
                Fixture.device(NOKIA, "nokia", "127.0.0.2")));
        secrets = Fixture.secrets(Files.createTempDirectory("dispatcher-it"), LOGIN, Map.of());
        Map<String, Object> settings = Fixture.settings(kafka, prefix, port);
        settings.put(DispatcherConfig.SECRETS_FILE, secrets.toString());
        dispatcher = Fixture.dispatcher(settings).start();
    }

    private SimulatedPhone phone(String vendor, String host, int port, PhoneAuth auth) {
        SimulatedPhone phone = SimulatedPhone.builder(vendor).vertx(vertx).host(host).port(port).auth(auth).start();
        phones.add(phone);
        return phone;
    }

    @AfterAll
    void stop() throws Exception {
        if (dispatcher != null) {
            dispatcher.close();
        }
        phones.forEach(SimulatedPhone::close);
        vertx.close().await(10, TimeUnit.SECONDS);
        if (secrets != null) {
            Files.deleteIfExists(secrets);
        }
    }

    /** The requests a phone received for the number a test dialled (numbers are unique per test). */
    private static List<ReceivedRequest> dialled(SimulatedPhone phone, String number) {
        return phone.requests().stream().filter(request -> request.rawUri().matches(".*[=]" + number + "(&.*)?$")).toList();
    }

    private CommandResult send(PhoneCommand command) {
        Fixture.publishCommands(kafka, prefix, List.of(command));
        return Fixture.only(Fixture.awaitResults(kafka, prefix, List.of(command.getCommandId()), WAIT),
                command.getCommandId());
    }

    @Test
    void shouldDeliverACommandAsExactlyTheRequestTheDriverBuilt() {
        Instant before = Instant.now();

        CommandResult result = send(Commands.dial(Fixture.newId("dial"), YEALINK, "1002", Instant.now()));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.DELIVERED);
        assertThat(result.getHttpStatus()).isEqualTo(200);
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(result.getDeviceId()).isEqualTo(YEALINK);
        assertThat(result.getCompletedAt()).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(result.getLatencyMillis()).isNotNull().isBetween(0L, WAIT.toMillis());
        assertThat(dialled(yealink, "1002")).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.rawUri()).isEqualTo("/servlet?key=number=1002");
            assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                    (LOGIN.username() + ":" + LOGIN.password()).getBytes(StandardCharsets.UTF_8)));
        });
        assertThat(yealink.state().lastDialed()).isEqualTo("1002");
    }

    @Test
    void shouldKeepEachPhonesOrderWhileAnotherPhoneIsSlow() {
        List<PhoneCommand> commands = new ArrayList<>();
        List<String> slowNumbers = new ArrayList<>();
        List<String> fastNumbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slowNumbers.add(Integer.toString(300 + i));
            commands.add(Commands.dial(Fixture.newId("slow" + i), SNOM, slowNumbers.get(i), Instant.now()));
        }
        for (int i = 0; i < 20; i++) {
            fastNumbers.add(Integer.toString(200 + i));
            commands.add(Commands.dial(Fixture.newId("fast" + i), YEALINK, fastNumbers.get(i), Instant.now()));
        }
        Fixture.publishCommands(kafka, prefix, commands);

        List<String> ids = commands.stream().map(PhoneCommand::getCommandId).toList();
        Map<String, List<CommandResult>> results = Fixture.awaitResults(kafka, prefix, ids, WAIT);

        assertThat(ids).allSatisfy(id -> assertThat(Fixture.only(results, id).getStatus()).as(id)
                .isEqualTo(CommandStatus.DELIVERED));
        List<ReceivedRequest> fast = fastNumbers.stream().flatMap(number -> dialled(yealink, number).stream()).toList();
        List<ReceivedRequest> slow = snom.requests().stream()
                .filter(request -> slowNumbers.stream().anyMatch(number -> request.rawUri().contains("number=" + number)))
                .toList();
        assertThat(yealink.requests().stream().map(ReceivedRequest::rawUri)
                .filter(uri -> fastNumbers.stream().anyMatch(number -> uri.endsWith("=" + number))))
                .as("the fast phone's order").containsExactlyElementsOf(fastNumbers.stream()
                        .map(number -> "/servlet?key=number=" + number).toList());
        assertThat(slow).as("Basic, then Digest on the challenge, per command, in order").hasSize(6);
        assertThat(slow).extracting(ReceivedRequest::rawUri).containsExactly(
                "/command.htm?number=300", "/command.htm?number=300", "/command.htm?number=301",
                "/command.htm?number=301", "/command.htm?number=302", "/command.htm?number=302");
        for (int i = 1; i < slow.size(); i++) {
            Duration gap = Duration.between(slow.get(i - 1).receivedAt(), slow.get(i).receivedAt());
            assertThat(gap.toMillis()).as("one request at a time per phone").isGreaterThanOrEqualTo(SLOW_MILLIS - 50);
        }
        Duration span = Duration.between(fast.get(0).receivedAt(), fast.get(fast.size() - 1).receivedAt());
        assertThat(span.toMillis()).as("the per-phone rate limit (50/s: 20 ms apart, give or take connection set-up)")
                .isGreaterThanOrEqualTo(19 * 20 - 20);
        assertThat(fast.get(fast.size() - 1).receivedAt()).as("the fast phone did not wait for the slow one")
                .isBefore(slow.get(slow.size() - 1).receivedAt());
        assertThat(results.keySet().stream().filter(id -> id.startsWith("fast")).toList()).as("results in order")
                .containsExactlyElementsOf(ids.stream().filter(id -> id.startsWith("fast")).toList());
    }

    @Test
    void shouldExpireAStaleCommandWithoutSendingIt() {
        CommandResult result = send(Commands.dial(Fixture.newId("stale"), YEALINK, "1003", Instant.now().minusSeconds(61)));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.EXPIRED);
        assertThat(result.getAttempts()).isZero();
        assertThat(dialled(yealink, "1003")).isEmpty();
    }

    @Test
    void shouldSendARepeatedCommandIdOnceAndAnswerTheRepeatAsDuplicate() {
        String id = Fixture.newId("twice");
        PhoneCommand command = Commands.dial(id, YEALINK, "1004", Instant.now());
        Fixture.publishCommands(kafka, prefix, List.of(command, command));

        Map<String, List<CommandResult>> results = Fixture.readResultsUntil(kafka, prefix,
                read -> read.getOrDefault(id, List.of()).size() >= 2, WAIT);

        assertThat(results.get(id)).extracting(CommandResult::getStatus)
                .containsExactly(CommandStatus.DELIVERED, CommandStatus.DUPLICATE);
        assertThat(dialled(yealink, "1004")).hasSize(1);
    }

    @Test
    void shouldRetryA5xxAndDeliverOnTheSecondAttempt() {
        hanlong.failNext(1, 503);

        CommandResult result = send(Commands.dial(Fixture.newId("flaky"), HANLONG, "1005", Instant.now()));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.DELIVERED);
        assertThat(result.getAttempts()).isEqualTo(2);
        assertThat(hanlong.requests()).filteredOn(request -> request.rawUri().contains("Number=1005")).hasSize(2);
        assertThat(hanlong.state().lastDialed()).isEqualTo("1005");
    }

    @Test
    void shouldReportARefusedConnectionAsUnreachableAfterItsAttempts() {
        CommandResult result = send(Commands.dial(Fixture.newId("off"), OFF, "1006", Instant.now()));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.UNREACHABLE);
        assertThat(result.getAttempts()).isEqualTo(3);
        assertThat(result.getHttpStatus()).isNull();
        assertThat(result.getDetail()).contains("connection refused");
    }

    @Test
    void shouldReportA401AsAuthFailedAndA403AsRejectedWithoutRetrying() {
        CommandResult denied = send(Commands.dial(Fixture.newId("locked"), LOCKED, "1007", Instant.now()));
        CommandResult refused = send(Commands.dial(Fixture.newId("refused"), AASTRA, "1008", Instant.now()));

        assertThat(denied.getStatus()).isEqualTo(CommandStatus.AUTH_FAILED);
        assertThat(denied.getHttpStatus()).isEqualTo(401);
        assertThat(locked.requests()).hasSize(1);
        assertThat(refused.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(refused.getHttpStatus()).isEqualTo(403);
        assertThat(aastra.requests()).hasSize(1);
    }

    @Test
    void shouldAnswerWithoutSendingWhenTheCommandCannotOrMustNotGoOut() {
        int yealinkBefore = yealink.requests().size();
        int hanlongBefore = hanlong.requests().size();

        CommandResult unknown = send(Commands.dial(Fixture.newId("unknown"), "ffffffffffff", "1", Instant.now()));
        CommandResult foreign = send(Commands.dial(Fixture.newId("foreign"), FOREIGN, "1", Instant.now()));
        CommandResult nokia = send(Commands.dial(Fixture.newId("nokia"), NOKIA, "1", Instant.now()));
        CommandResult noPoll = send(Commands.action(Fixture.newId("nopoll"), HANLONG, CommandAction.POLL_STATUS,
                Instant.now()));
        CommandResult injected = send(Commands.dial(Fixture.newId("inject"), YEALINK, "10&key=Reboot", Instant.now()));

        assertThat(unknown.getStatus()).isEqualTo(CommandStatus.UNKNOWN_DEVICE);
        assertThat(foreign.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(foreign.getDetail()).contains("outside the allowed networks");
        assertThat(nokia.getStatus()).isEqualTo(CommandStatus.UNSUPPORTED);
        assertThat(noPoll.getStatus()).isEqualTo(CommandStatus.UNSUPPORTED);
        assertThat(injected.getStatus()).isEqualTo(CommandStatus.INVALID);
        assertThat(yealink.requests()).hasSize(yealinkBefore);
        assertThat(hanlong.requests()).hasSize(hanlongBefore);
        assertThat(yealink.state().reboots()).isZero();
    }

    @Test
    void shouldPublishAPolledStatusToTheRawTopic() {
        String id = Fixture.newId("poll");

        CommandResult result = send(Commands.action(id, YEALINK, CommandAction.POLL_STATUS, Instant.now()));
        List<RawPhoneRequest> raw = Fixture.readRaw(kafka, prefix,
                records -> records.stream().anyMatch(record -> record.getRequestId().equals(id)), WAIT);

        assertThat(result.getStatus()).isEqualTo(CommandStatus.DELIVERED);
        assertThat(result.getDetail()).contains("firmware 66.86.0.15");
        assertThat(raw).filteredOn(record -> record.getRequestId().equals(id)).singleElement().satisfies(record -> {
            assertThat(record.getSource()).isEqualTo(EventSource.POLL);
            assertThat(record.getDeviceId()).isEqualTo(YEALINK);
            assertThat(record.getPath()).isEqualTo(PollStatus.PATH);
            assertThat(record.getSourceAddress()).isEqualTo("127.0.0.2");
            assertThat(record.getQuery()).contains("1001%40127.0.0.1");
        });
    }

    @Test
    void shouldServeHealthAndMetricsOnTheManagementPort() throws Exception {
        send(Commands.dial(Fixture.newId("metrics"), YEALINK, "1009", Instant.now()));
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + dispatcher.managementPort();

        HttpResponse<String> live = client.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("UP");
        assertThat(metrics.body())
                .contains("hookline_dispatcher_results_total{status=\"DELIVERED\",vendor=\"yealink\"}")
                .contains("hookline_dispatcher_latency_seconds_bucket{vendor=\"yealink\"")
                .contains("hookline_dispatcher_in_flight");
    }
}
