package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.deploy.local.LocalKafkaCluster;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.processor.query.access.UsersFile;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hookline scales out: two {@code hookline processor} processes (one application id, access
 * control on as in production) and two ingest gateways share one Kafka cluster, phone.raw.v1 in
 * six partitions. Once each processor owns some of the phones, half the phones call through one
 * gateway and half through the other (as a load balancer would pin them). Then
 * <ul>
 * <li>both gateways accepted requests, each at least those it acknowledged to the phones;</li>
 * <li>both processors did part of the work: each one's {@code hookline_processor_events_total} is
 * above zero, and together they are the requests the gateways accepted (de-duplication drops
 * before counting, so a request is counted once whichever instance ran it);</li>
 * <li>every acknowledged call is exactly one ANSWERED session on call.sessions.v1 (read_committed),
 * of the phone that made it (device and call id), none missing, none twice, none of a call never made.</li>
 * </ul>
 */
class ScaleOutIT {

    private static final int PHONES = 40;
    private static final int CALLS_PER_PHONE = 4;
    private static final int PARTITIONS = 6;
    private static final String PASSWORD = "scale-out-operator-password";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            ("operator:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String ANSWERED_BY = "X-Hookline-Answered-By";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void shouldShareTheWorkBetweenTwoProcessorsAndTwoGatewaysAndMakeEveryCallOneSession() throws Exception {
        long testStart = System.nanoTime();
        try (LocalKafkaCluster broker = TestServices.oneBroker(temp.resolve("kafka"))) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            TestServices.createTopics(bootstrap, "", PARTITIONS);
            try (ProcessorProcess first = startProcessor(bootstrap, "first");
                 ProcessorProcess second = startProcessor(bootstrap, "second");
                 IngestGateway east = new IngestGateway(new GatewayConfig(TestServices.gatewaySettings(bootstrap, temp.resolve("spool-east")))).start();
                 IngestGateway west = new IngestGateway(new GatewayConfig(TestServices.gatewaySettings(bootstrap, temp.resolve("spool-west")))).start()) {
                first.awaitReady(Duration.ofSeconds(120));
                second.awaitReady(Duration.ofSeconds(120));
                awaitEachOwnsPhones(first, second);

                Set<String> acknowledged;
                Map<Integer, Integer> acknowledgedRequests;
                try (CallTraffic phones = new CallTraffic(List.of(east.phonePort(), west.phonePort()), PHONES, 0,
                        CALLS_PER_PHONE, Duration.ofMillis(20))) {
                    assertThat(phones.awaitFinished(Duration.ofSeconds(180))).as("phones done calling within 180 s")
                            .isTrue();
                    acknowledged = new TreeSet<>(phones.acknowledgedCalls());
                    acknowledgedRequests = phones.acceptedRequests();
                }
                int sentCalls = PHONES * CALLS_PER_PHONE;
                System.out.printf("ScaleOutIT: %d of %d calls acknowledged (all three requests answered 200)%n",
                        acknowledged.size(), sentCalls);
                assertThat(acknowledged).as("acknowledged calls").isNotEmpty();

                // Each gateway accepted its share, by its own count.
                long accepted = 0;
                long otherAnswers = 0;
                for (IngestGateway gateway : List.of(east, west)) {
                    String exposition = gateway.metrics().scrape();
                    long ok = sum(exposition, "hookline_gateway_requests_total", "status=\"200\"");
                    long other = sum(exposition, "hookline_gateway_requests_total", "") - ok;
                    int toPhones = acknowledgedRequests.getOrDefault(gateway.phonePort(), 0);
                    System.out.printf("ScaleOutIT: gateway on port %d accepted %d requests (200s the phones got: %d), "
                            + "answered %d otherwise%n", gateway.phonePort(), ok, toPhones, other);
                    assertThat(ok).as("requests the gateway on port %d accepted", gateway.phonePort()).isPositive()
                            .isGreaterThanOrEqualTo(toPhones);
                    accepted += ok;
                    otherAnswers += other;
                }

                // Every call one session; both instances done with every accepted request.
                long acceptedRequests = accepted;
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    assertThat(first.isAlive()).as("first processor alive").isTrue();
                    assertThat(second.isAlive()).as("second processor alive").isTrue();
                    assertEveryCallIsOneSession(TopicContents.values(bootstrap, Topics.CALL_SESSIONS, ""), acknowledged);
                    assertThat(events(first) + events(second)).as("events both processors counted")
                            .isGreaterThanOrEqualTo(acceptedRequests);
                });
                List<CallSession> sessions = TopicContents.values(bootstrap, Topics.CALL_SESSIONS, "");
                System.out.printf("ScaleOutIT: %d sessions on %s for %d acknowledged calls%n", sessions.size(),
                        Topics.CALL_SESSIONS.name(), acknowledged.size());

                // The work was shared: each instance counted some of the events, and together all.
                long firstEvents = events(first);
                long secondEvents = events(second);
                long total = firstEvents + secondEvents;
                for (ProcessorProcess instance : List.of(first, second)) {
                    long own = events(instance);
                    System.out.printf("ScaleOutIT: processor on port %d: %d events (%.1f %%), %d duplicates dropped%n",
                            instance.queryPort(), own, total == 0 ? 0.0 : 100.0 * own / total,
                            sum(instance.metrics(), "hookline_processor_duplicates_total", ""));
                }
                assertThat(firstEvents).as("events the first processor counted").isPositive();
                assertThat(secondEvents).as("events the second processor counted").isPositive();
                // A request answered 503 may still reach Kafka later; on a healthy run there is none.
                assertThat(total).as("events of both processors, against the %d requests the gateways accepted "
                        + "(and %d they answered otherwise)", accepted, otherAnswers)
                        .isBetween(accepted, accepted + otherAnswers);
            }
        }
        System.out.printf("ScaleOutIT: took %d s%n", Duration.ofNanos(System.nanoTime() - testStart).toSeconds());
    }

    /**
     * Every acknowledged call is one ANSWERED session (by call id), and each session is of a call
     * one of these phones made, from that phone: device and call id agree.
     */
    private static void assertEveryCallIsOneSession(List<CallSession> sessions, Set<String> acknowledged) {
        CallTraffic.assertEveryAcknowledgedCallIsOneAnsweredSession(sessions, acknowledged);
        Set<String> made = new TreeSet<>();
        for (int phone = 0; phone < PHONES; phone++) {
            for (int n = 0; n < CALLS_PER_PHONE; n++) {
                made.add(CallTraffic.mac(phone) + " " + CallTraffic.mac(phone) + "-" + n);
            }
        }
        assertThat(sessions).as("sessions by device and call id")
                .extracting(session -> session.getDeviceId() + " " + session.getCallId())
                .doesNotHaveDuplicates()
                .allSatisfy(call -> assertThat(made).as("calls the phones made").contains(call));
    }

    /** This instance's hookline_processor_events_total. */
    private static long events(ProcessorProcess instance) throws IOException, InterruptedException {
        return sum(instance.metrics(), "hookline_processor_events_total", "");
    }

    /** The sum of the samples of a metric whose labels contain {@code label} ("": all of them). */
    private static long sum(String exposition, String metric, String label) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (line.startsWith("#") || space < 0) {
                continue;
            }
            String series = line.substring(0, space);
            int brace = series.indexOf('{');
            String name = brace < 0 ? series : series.substring(0, brace);
            if (name.equals(metric) && series.contains(label)) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return Math.round(sum);
    }

    /**
     * Before any phone called, every phone is "never seen" (404) on both instances, and each one
     * answers some of them itself: both are running with active tasks of the phone store.
     */
    private static void awaitEachOwnsPhones(ProcessorProcess one, ProcessorProcess other) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(one.isAlive()).as("first processor alive").isTrue();
            assertThat(other.isAlive()).as("second processor alive").isTrue();
            for (ProcessorProcess instance : List.of(one, other)) {
                Map<String, String> answers = askForEveryPhone(instance.queryPort());
                assertThat(answers).as("answers of the instance on port %d", instance.queryPort())
                        .allSatisfy((mac, answer) -> assertThat(answer).as(mac).startsWith("404"));
                assertThat(answers.values()).as("phones the instance on port %d owns", instance.queryPort())
                        .anyMatch(answer -> answer.equals("404 own"));
            }
        });
        for (ProcessorProcess instance : List.of(one, other)) {
            System.out.printf("ScaleOutIT: before any call, the processor on port %d owns %d of the %d phones%n",
                    instance.queryPort(), askForEveryPhone(instance.queryPort()).values().stream()
                            .filter(answer -> answer.equals("404 own")).count(), PHONES);
        }
    }

    /** Each phone's answer: its status, then "own" or "forwarded" (another instance answered). */
    private static Map<String, String> askForEveryPhone(int port) {
        Map<String, String> answers = new TreeMap<>();
        for (int phone = 0; phone < PHONES; phone++) {
            String mac = CallTraffic.mac(phone);
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/devices/" + mac);
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                        .header("Authorization", BASIC).build(), HttpResponse.BodyHandlers.discarding());
                answers.put(mac, response.statusCode() + (response.headers().firstValue(ANSWERED_BY).isPresent()
                        ? " forwarded" : " own"));
            } catch (IOException e) {
                answers.put(mac, "no answer: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return answers;
    }

    private ProcessorProcess startProcessor(String bootstrap, String name) throws IOException {
        Path users = temp.resolve("users");
        if (!Files.exists(users)) {
            Files.writeString(users, "user operator read " + UsersFile.hashPassword(PASSWORD) + "\n");
        }
        return ProcessorProcess.start(bootstrap, temp.resolve("state-" + name), LocalPorts.findFree("127.0.0.1"),
                temp.resolve(name + ".log"),
                "application.id=scale-out-processor",
                "kafka.replication.factor=1",
                "query.users.file=" + users,
                "query.instance.token=scale-out-instances-secret");
    }
}
