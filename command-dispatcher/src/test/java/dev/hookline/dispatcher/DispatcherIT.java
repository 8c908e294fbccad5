package dev.hookline.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One dispatcher on a real broker against test phones on loopback addresses (127.0.0.2-6, one
 * port): each test uses its own devices or command ids.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatcherIT {

    private static final Credentials LOGIN = new Credentials("admin", "it-Pa55word");
    private static final Pattern ID = Pattern.compile("[?&]id=([^&]+)");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final String FAST = "a00000000001";
    private static final String SLOW = "a00000000002";
    private static final String FLAKY = "a00000000003";
    private static final String LOCKED = "a00000000004";
    private static final String OFF = "a00000000005";
    private static final String FOREIGN = "a00000000006";
    private static final String NOKIA = "a00000000007";
    private static final long SLOW_MILLIS = 600;

    private final KafkaBroker kafka;
    private final Vertx vertx = Vertx.vertx();
    private final List<TestPhone> phones = new ArrayList<>();
    private String prefix;
    private TestPhone fast;
    private TestPhone slow;
    private TestPhone flaky;
    private TestPhone locked;
    private CommandDispatcher dispatcher;

    DispatcherIT(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @BeforeAll
    void start() throws Exception {
        prefix = kafka.createTopics("dispatcher", 3);
        fast = phone(TestPhone.start(vertx, "127.0.0.2", 0));
        int port = fast.port();
        slow = phone(TestPhone.start(vertx, "127.0.0.3", port)).slow(SLOW_MILLIS);
        Map<String, Integer> tries = new ConcurrentHashMap<>();
        flaky = phone(TestPhone.start(vertx, "127.0.0.4", port))
                .answering(seen -> tries.merge(id(seen), 1, Integer::sum) == 1 ? 503 : 200);
        locked = phone(TestPhone.start(vertx, "127.0.0.5", port)).answering(seen -> 401);
        Fixture.publishDevices(kafka, prefix, List.of(
                Fixture.device(FAST, TestDriver.VENDOR, "127.0.0.2"),
                Fixture.device(SLOW, TestDriver.VENDOR, "127.0.0.3"),
                Fixture.device(FLAKY, TestDriver.VENDOR, "127.0.0.4"),
                Fixture.device(LOCKED, TestDriver.VENDOR, "127.0.0.5"),
                Fixture.device(OFF, TestDriver.VENDOR, "127.0.0.6"),
                Fixture.device(FOREIGN, TestDriver.VENDOR, "10.99.0.1"),
                Fixture.device(NOKIA, "nokia", "127.0.0.2")));
        dispatcher = Fixture.dispatcher(Fixture.settings(kafka, prefix, port), LOGIN).start();
    }

    private TestPhone phone(TestPhone phone) {
        phones.add(phone);
        return phone;
    }

    @AfterAll
    void stop() throws Exception {
        if (dispatcher != null) {
            dispatcher.close();
        }
        phones.forEach(TestPhone::close);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String id(TestPhone.Seen seen) {
        Matcher matcher = ID.matcher(seen.uri());
        return matcher.find() ? matcher.group(1) : "";
    }

    private static List<TestPhone.Seen> seenFor(TestPhone phone, String commandId) {
        return phone.seen().stream().filter(seen -> id(seen).equals(commandId)).toList();
    }

    private CommandResult send(PhoneCommand command) {
        Fixture.publishCommands(kafka, prefix, List.of(command));
        return Fixture.only(Fixture.awaitResults(kafka, prefix, List.of(command.getCommandId()), WAIT),
                command.getCommandId());
    }

    @Test
    void shouldDeliverACommandAsExactlyTheRequestTheDriverBuilt() {
        String id = Fixture.newId("dial");
        Instant before = Instant.now();

        CommandResult result = send(Commands.dial(id, FAST, "1002", Instant.now()));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.DELIVERED);
        assertThat(result.getHttpStatus()).isEqualTo(200);
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(result.getDeviceId()).isEqualTo(FAST);
        assertThat(result.getCompletedAt()).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(result.getLatencyMillis()).isNotNull().isBetween(0L, WAIT.toMillis());
        assertThat(seenFor(fast, id)).singleElement().satisfies(seen -> {
            assertThat(seen.method()).isEqualTo("GET");
            assertThat(seen.uri()).isEqualTo("/cmd?id=" + id + "&action=DIAL&number=1002&pwd=" + LOGIN.password());
            assertThat(seen.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                    (LOGIN.username() + ":" + LOGIN.password()).getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void shouldKeepEachPhonesOrderWhileAnotherPhoneIsSlow() {
        List<PhoneCommand> commands = new ArrayList<>();
        List<String> slowIds = new ArrayList<>();
        List<String> fastIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = Fixture.newId("slow" + i);
            slowIds.add(id);
            commands.add(Commands.dial(id, SLOW, Integer.toString(100 + i), Instant.now()));
        }
        for (int i = 0; i < 20; i++) {
            String id = Fixture.newId("fast" + i);
            fastIds.add(id);
            commands.add(Commands.dial(id, FAST, Integer.toString(200 + i), Instant.now()));
        }
        Fixture.publishCommands(kafka, prefix, commands);

        List<String> all = new ArrayList<>(slowIds);
        all.addAll(fastIds);
        Map<String, List<CommandResult>> results = Fixture.awaitResults(kafka, prefix, all, WAIT);

        assertThat(all).allSatisfy(id -> assertThat(Fixture.only(results, id).getStatus()).isEqualTo(CommandStatus.DELIVERED));
        List<TestPhone.Seen> fastSeen = fast.seen().stream().filter(seen -> fastIds.contains(id(seen))).toList();
        List<TestPhone.Seen> slowSeen = slow.seen().stream().filter(seen -> slowIds.contains(id(seen))).toList();
        assertThat(fastSeen).extracting(DispatcherIT::id).as("the fast phone's order").containsExactlyElementsOf(fastIds);
        assertThat(slowSeen).extracting(DispatcherIT::id).as("the slow phone's order").containsExactlyElementsOf(slowIds);
        assertThat(results.keySet().stream().filter(fastIds::contains).toList()).as("results in order")
                .containsExactlyElementsOf(fastIds);
        for (int i = 1; i < slowSeen.size(); i++) {
            long gapMillis = (slowSeen.get(i).atNanos() - slowSeen.get(i - 1).atNanos()) / 1_000_000;
            assertThat(gapMillis).as("one request at a time per phone").isGreaterThanOrEqualTo(SLOW_MILLIS - 50);
        }
        long spanMillis = (fastSeen.get(fastSeen.size() - 1).atNanos() - fastSeen.get(0).atNanos()) / 1_000_000;
        assertThat(spanMillis).as("the per-phone rate limit (50/s: 20 ms apart, give or take connection set-up)")
                .isGreaterThanOrEqualTo(19 * 20 - 20);
        assertThat(fastSeen.get(fastSeen.size() - 1).atNanos()).as("the fast phone did not wait for the slow one")
                .isLessThan(slowSeen.get(slowSeen.size() - 1).atNanos());
    }

    @Test
    void shouldExpireAStaleCommandWithoutSendingIt() {
        String id = Fixture.newId("stale");

        CommandResult result = send(Commands.dial(id, FAST, "1002", Instant.now().minusSeconds(61)));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.EXPIRED);
        assertThat(result.getAttempts()).isZero();
        assertThat(seenFor(fast, id)).isEmpty();
    }

    @Test
    void shouldSendARepeatedCommandIdOnceAndAnswerTheRepeatAsDuplicate() {
        String id = Fixture.newId("twice");
        PhoneCommand command = Commands.dial(id, FAST, "1002", Instant.now());
        Fixture.publishCommands(kafka, prefix, List.of(command, command));

        Map<String, List<CommandResult>> results = Fixture.readResultsUntil(kafka, prefix,
                read -> read.getOrDefault(id, List.of()).size() >= 2, WAIT);

        assertThat(results.get(id)).extracting(CommandResult::getStatus)
                .containsExactly(CommandStatus.DELIVERED, CommandStatus.DUPLICATE);
        assertThat(seenFor(fast, id)).hasSize(1);
    }

    @Test
    void shouldRetryA5xxAndDeliverOnTheSecondAttempt() {
        String id = Fixture.newId("flaky");

        CommandResult result = send(Commands.dial(id, FLAKY, "1002", Instant.now()));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.DELIVERED);
        assertThat(result.getAttempts()).isEqualTo(2);
        assertThat(seenFor(flaky, id)).hasSize(2);
    }

    @Test
    void shouldReportARefusedConnectionAsUnreachableAfterItsAttempts() {
        CommandResult result = send(Commands.dial(Fixture.newId("off"), OFF, "1002", Instant.now()));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.UNREACHABLE);
        assertThat(result.getAttempts()).isEqualTo(3);
        assertThat(result.getHttpStatus()).isNull();
        assertThat(result.getDetail()).contains("connection refused");
    }

    @Test
    void shouldReportA401AsAuthFailedWithoutRetrying() {
        String id = Fixture.newId("locked");

        CommandResult result = send(Commands.dial(id, LOCKED, "1002", Instant.now()));

        assertThat(result.getStatus()).isEqualTo(CommandStatus.AUTH_FAILED);
        assertThat(result.getHttpStatus()).isEqualTo(401);
        assertThat(seenFor(locked, id)).hasSize(1);
    }

    @Test
    void shouldAnswerWithoutSendingForUnknownDevicesForeignNetworksAndUnknownVendors() {
        int seenBefore = fast.seen().size();

        CommandResult unknown = send(Commands.dial(Fixture.newId("unknown"), "ffffffffffff", "1", Instant.now()));
        CommandResult foreign = send(Commands.dial(Fixture.newId("foreign"), FOREIGN, "1", Instant.now()));
        CommandResult nokia = send(Commands.dial(Fixture.newId("nokia"), NOKIA, "1", Instant.now()));

        assertThat(unknown.getStatus()).isEqualTo(CommandStatus.UNKNOWN_DEVICE);
        assertThat(foreign.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(nokia.getStatus()).isEqualTo(CommandStatus.UNSUPPORTED);
        assertThat(fast.seen()).hasSize(seenBefore);
    }

    @Test
    void shouldServeHealthAndMetricsOnTheManagementPort() throws Exception {
        send(Commands.dial(Fixture.newId("metrics"), FAST, "1002", Instant.now()));
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
                .contains("hookline_dispatcher_results_total{status=\"DELIVERED\",vendor=\"testvendor\"}")
                .contains("hookline_dispatcher_latency_seconds_bucket{vendor=\"testvendor\"")
                .contains("hookline_dispatcher_in_flight");
    }
}
