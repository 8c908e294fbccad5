package dev.hookline.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.Direction;
import dev.hookline.testkit.phones.SimulatedPhone;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulator against a stand-in gateway on 127.0.0.1: real HTTP, each phone from its own address. */
class SimulatorTest {

    private static SimulationSettings.Builder settings(RecordingGateway gateway) {
        return SimulationSettings.builder(List.of(TestVendors.full(gateway.baseUrl()), TestVendors.basic(gateway.baseUrl())))
                .phones(6).callsPerSecond(4).duration(Duration.ofSeconds(2)).timeScale(0.01).seed(7)
                .sameRequestGap(Duration.ofMillis(50));
    }

    @Test
    void shouldSendEveryPlannedRequestFromThePhonesOwnAddressAndRecordIt() throws Exception {
        try (RecordingGateway gateway = new RecordingGateway()) {
            SimulationSettings s = settings(gateway).build();
            List<Episode> plan = new TrafficPlanner(s).drain();
            SimulationReport report;
            PhoneFleet fleet;
            try (Simulator sim = Simulator.start(s)) {
                report = sim.awaitCompletion(Duration.ofSeconds(30));
                fleet = sim.fleet();
            }

            assertThat(report.complete()).isTrue();
            List<String> plannedUrls = plan.stream().flatMap(e -> e.steps().stream()).map(Step::url).toList();
            assertThat(report.requests()).extracting(SentRequest::url).containsExactlyInAnyOrderElementsOf(plannedUrls);
            assertThat(report.sent()).isEqualTo(plannedUrls.size()).isEqualTo(report.acknowledged());
            assertThat(report.failed()).isZero();
            assertThat(report.statuses()).containsOnlyKeys(200);
            List<RecordingGateway.Received> received = gateway.received();
            assertThat(received).hasSize(plannedUrls.size());
            Map<String, PhoneIdentity> bySource = fleet.phones().stream()
                    .collect(Collectors.toMap(PhoneIdentity::address, Function.identity()));
            for (RecordingGateway.Received r : received) {
                PhoneIdentity phone = bySource.get(r.source());
                assertThat(phone).as("a phone sent %s from %s", r.uri(), r.source()).isNotNull();
                assertThat(r.userAgent()).isEqualTo(phone.userAgent());
                String who = phone.vendor().vendor().equals("full") ? "mac=" + phone.deviceId() : "local=" + phone.extension();
                assertThat(r.uri()).contains(who);
            }
            assertThat(received).extracting(RecordingGateway.Received::source).doesNotContain("127.0.0.1");
            List<ExpectedCall> planned = plan.stream().flatMap(e -> e.expected().stream()).toList();
            assertThat(planned).isNotEmpty();
            assertThat(report.expected()).containsExactlyInAnyOrderElementsOf(planned);
        }
    }

    @Test
    void shouldKeepEachPhonesRequestsInPlannedOrder() throws Exception {
        try (RecordingGateway gateway = new RecordingGateway()) {
            SimulationSettings s = settings(gateway).build();
            List<Episode> plan = new TrafficPlanner(s).drain();
            try (Simulator sim = Simulator.start(s)) {
                sim.awaitCompletion(Duration.ofSeconds(30));
            }

            for (int phone = 0; phone < 6; phone++) {
                int p = phone;
                String source = LoopbackAddresses.forIndex(p);
                List<String> sent = gateway.received().stream().filter(r -> r.source().equals(source))
                        .map(RecordingGateway.Received::uri).toList();
                List<String> planned = plan.stream().filter(e -> e.phone() == p).flatMap(e -> e.steps().stream())
                        .map(step -> URI.create(step.url()).getRawPath() + "?" + URI.create(step.url()).getRawQuery())
                        .toList();
                assertThat(sent).as("phone %d", p).containsExactlyElementsOf(planned);
            }
        }
    }

    @Test
    void shouldCountRefusedRequestsAndExpectNoSessionFromTheirCalls() throws Exception {
        try (RecordingGateway gateway = new RecordingGateway().answer(503)) {
            SimulationReport report;
            try (Simulator sim = Simulator.start(settings(gateway).build())) {
                report = sim.awaitCompletion(Duration.ofSeconds(30));
            }

            assertThat(report.sent()).isPositive().isEqualTo(report.failed());
            assertThat(report.acknowledged()).isZero();
            assertThat(report.statuses()).containsOnlyKeys(503);
            assertThat(report.expected()).isEmpty();
            assertThat(report.unconfirmedCalls()).isPositive();
            assertThat(report.unconfirmed()).as("the calls themselves").hasSize(report.unconfirmedCalls())
                    .allSatisfy(call -> assertThat(call.remoteUser()).isNotBlank());
        }
    }

    @Test
    void shouldStopWithinItsDurationAndCallCount() throws Exception {
        try (RecordingGateway gateway = new RecordingGateway()) {
            SimulationSettings s = settings(gateway).phones(30).callsPerSecond(200).maxCalls(12)
                    .duration(Duration.ofSeconds(1)).keepRequests(false).build();
            SimulationReport report;
            try (Simulator sim = Simulator.start(s)) {
                report = sim.awaitCompletion(Duration.ofSeconds(30));
            }

            assertThat(report.complete()).isTrue();
            assertThat(report.calls()).isEqualTo(12);
            assertThat(report.requests()).as("not kept").isEmpty();
            assertThat(report.sent()).isEqualTo(gateway.received().size());
            assertThat(report.elapsed()).isLessThan(Duration.ofSeconds(1).plus(s.timing().longestCall())
                    .plusSeconds(3));
        }
    }

    @Test
    void shouldPlayTheCallsUnderWayAndStartNoMoreOnceStopped() throws Exception {
        try (RecordingGateway gateway = new RecordingGateway()) {
            SimulationSettings s = settings(gateway).duration(Duration.ofMinutes(5)).build();
            try (Simulator sim = Simulator.start(s)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (sim.report().calls() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(sim.idle()).as("idle while calls are planned").isFalse();
                sim.stopCalls();
                deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!sim.idle() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }

                assertThat(sim.idle()).isTrue();
                SimulationReport report = sim.awaitCompletion(Duration.ofSeconds(1));
                assertThat(report.complete()).isTrue();
                assertThat(report.calls()).isBetween(3, 40);
                assertThat(report.expected()).hasSizeGreaterThanOrEqualTo(report.calls());
                assertThat(report.sent()).isEqualTo(gateway.received().size());
            }
        }
    }

    @Test
    void shouldPlaceACallWhenItsActionUriGetsADialCommand() throws Exception {
        try (RecordingGateway gateway = new RecordingGateway()) {
            SimulationSettings s = settings(gateway).phones(2).callsPerSecond(0).actionUri(0).build();
            try (Simulator sim = Simulator.start(s)) {
                SimulatedPhone phone = sim.actionUri(0).orElseThrow();
                assertThat(phone.host()).isEqualTo("127.1.0.1");
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(phone.baseUri() + "/servlet?key=number=2042")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);

                SimulationReport report = sim.report();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (report.expected().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    report = sim.report();
                }

                assertThat(report.dialed()).isEqualTo(1);
                assertThat(report.expected()).singleElement().satisfies(call -> {
                    assertThat(call.phone()).isZero();
                    assertThat(call.remoteUser()).isEqualTo("2042");
                    assertThat(call.direction()).isEqualTo(Direction.OUTBOUND);
                    assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
                });
                assertThat(gateway.received()).filteredOn(r -> r.uri().startsWith("/full/outgoing_call"))
                        .singleElement().satisfies(r -> {
                            assertThat(r.source()).isEqualTo("127.1.0.1");
                            assertThat(r.uri()).contains("remote=sip:2042@");
                        });
                assertThat(Set.copyOf(gateway.received().stream().map(RecordingGateway.Received::source).toList()))
                        .containsExactlyInAnyOrder("127.1.0.1", "127.1.0.2");
            }
        }
    }
}
