package dev.hookline.testkit.sim;

import static dev.hookline.schema.EventType.ANSWER_NEW_INCOMING_CALL;
import static dev.hookline.schema.EventType.BLIND_TRANSFER;
import static dev.hookline.schema.EventType.CANCEL_CALL_OUT;
import static dev.hookline.schema.EventType.ESTABLISHED;
import static dev.hookline.schema.EventType.FORWARD_INCOMING_CALL;
import static dev.hookline.schema.EventType.HOLD;
import static dev.hookline.schema.EventType.INCOMING_CALL;
import static dev.hookline.schema.EventType.MISSED_CALL;
import static dev.hookline.schema.EventType.OFF_HOOK;
import static dev.hookline.schema.EventType.ON_HOOK;
import static dev.hookline.schema.EventType.OUTGOING_CALL;
import static dev.hookline.schema.EventType.REGISTERED;
import static dev.hookline.schema.EventType.REJECT_INCOMING_CALL;
import static dev.hookline.schema.EventType.REMOTE_BUSY;
import static dev.hookline.schema.EventType.SETUP_COMPLETED;
import static dev.hookline.schema.EventType.TERMINATED;
import static dev.hookline.schema.EventType.TRANSFER_FINISHED;
import static dev.hookline.schema.EventType.UNHOLD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.Direction;
import dev.hookline.schema.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrafficPlannerTest {

    private static final String BASE = "http://127.0.0.1:9";
    private static final VendorTemplates FULL = TestVendors.full(BASE);
    private static final VendorTemplates BASIC = TestVendors.basic(BASE);

    private static SimulationSettings.Builder settings(VendorTemplates... vendors) {
        return SimulationSettings.builder(List.of(vendors)).phones(4).callsPerSecond(0.5)
                .duration(Duration.ofMinutes(10)).timeScale(1.0).seed(42);
    }

    private static List<Episode> plan(SimulationSettings settings) {
        return new TrafficPlanner(settings)
                .drain();
    }

    /** The first call of a one-phone plan that plays only {@code scenario}. */
    private static Episode onlyCall(VendorTemplates vendor, CallScenario scenario) {
        List<Episode> episodes = plan(settings(vendor).phones(1).only(Set.of(scenario)).maxCalls(1).build());
        assertThat(episodes).hasSize(2);
        return episodes.get(1);
    }

    private static List<EventType> types(Episode episode) {
        return episode.steps().stream().map(Step::type).toList();
    }

    @Test
    void shouldPlanTheSameRunForTheSameSeedAndAnotherForAnother() {
        List<Episode> first = plan(settings(FULL, BASIC).build());
        List<Episode> again = plan(settings(FULL, BASIC).build());
        List<Episode> other = plan(settings(FULL, BASIC).seed(43).build());

        assertThat(first.size()).isGreaterThan(15);
        assertThat(first.equals(again)).as("same seed, same episodes").isTrue();
        assertThat(other.equals(first)).as("another seed, other episodes").isFalse();
    }

    @Test
    void shouldRegisterEveryLineOfEveryPhoneBeforeItsFirstCall() {
        List<Episode> episodes = plan(settings(FULL, BASIC).linesPerPhone(2).build());

        for (int phone = 0; phone < 4; phone++) {
            int p = phone;
            Episode first = episodes.stream().filter(e -> e.phone() == p).findFirst().orElseThrow();
            assertThat(first.name()).isEqualTo("REGISTRATION");
            assertThat(first.expected()).isEmpty();
            List<EventType> expectedTypes = p % 2 == 0 ? List.of(SETUP_COMPLETED, REGISTERED, REGISTERED)
                    : List.of(REGISTERED, REGISTERED); // "basic" has no setup event
            assertThat(types(first)).containsExactlyElementsOf(expectedTypes);
        }
        Episode basicBoot = episodes.stream().filter(e -> e.phone() == 1).findFirst().orElseThrow();
        // The URL standing for REGISTERED alone is chosen over the registration-state one.
        assertThat(basicBoot.steps()).extracting(Step::url)
                .containsExactly(BASE + "/basic/registered?local=1001", BASE + "/basic/registered?local=1001-2");
    }

    @Test
    void shouldStayWithinTheCallCountAndTheDuration() {
        List<Episode> byCount = plan(settings(FULL).phones(20).callsPerSecond(5).maxCalls(7).build());
        List<Episode> byTime = plan(settings(FULL).phones(50).callsPerSecond(2).duration(Duration.ofSeconds(30)).build());

        assertThat(byCount.stream().filter(e -> !e.name().equals("REGISTRATION"))).hasSize(7);
        List<Episode> calls = byTime.stream().filter(e -> !e.name().equals("REGISTRATION")).toList();
        assertThat(calls).allSatisfy(e -> assertThat(e.startMillis()).isLessThan(30_000));
        // 2 calls/s over about 29 s (calls begin once phone 0 is up): Poisson, so a wide band.
        assertThat(calls.size()).isBetween(35, 85);
    }

    @Test
    void shouldStartNoCallAfterTheCallsAreStopped() {
        TrafficPlanner planner = new TrafficPlanner(settings(FULL).phones(20).callsPerSecond(5).build());
        List<Episode> before = new ArrayList<>();
        while (planner.nextStartMillis() < 10_000) {
            before.add(planner.next());
        }
        planner.stopCallsAt(10_000);

        assertThat(before.stream().filter(e -> !e.name().equals("REGISTRATION")).count()).isGreaterThan(10);
        assertThat(planner.drain()).extracting(Episode::startMillis).allSatisfy(at -> assertThat(at).isLessThan(10_000));
        assertThat(planner.dial(0, "0123", 20_000)).as("a dial still places its call").isPresent();
    }

    @Test
    void shouldGiveEachCallOfAPhoneAPartyOfItsOwnWhenAsked() {
        SimulationSettings.Builder many = settings(FULL, BASIC).phones(2).callsPerSecond(5).timeScale(0.01)
                .duration(Duration.ofSeconds(120));
        Map<String, Long> perPhoneAndParty = plan(many.distinctParties(true).build()).stream()
                .flatMap(e -> e.expected().stream())
                .collect(Collectors.groupingBy(c -> c.deviceId() + " " + c.remoteUser(), Collectors.counting()));
        Map<String, Long> drawn = plan(many.distinctParties(false).build()).stream()
                .flatMap(e -> e.expected().stream())
                .collect(Collectors.groupingBy(c -> c.deviceId() + " " + c.remoteUser(), Collectors.counting()));

        assertThat(perPhoneAndParty).hasSizeGreaterThan(100).allSatisfy((key, calls) -> assertThat(calls).as(key).isOne());
        assertThat(perPhoneAndParty.keySet()).allSatisfy(key -> assertThat(key).matches("\\w+ 09\\d{8}"));
        assertThat(drawn.values()).as("drawn parties repeat in a run this long").anyMatch(calls -> calls > 1);
    }

    @Test
    void shouldNeverOverlapAPhonesEpisodesNorRepeatARequestWithinTheGap() {
        List<Episode> episodes = plan(settings(FULL, BASIC).phones(3).callsPerSecond(5).timeScale(0.01)
                .duration(Duration.ofSeconds(60)).build());

        Map<Integer, Long> lastEnd = new HashMap<>();
        Map<String, Long> lastSent = new HashMap<>();
        for (Episode e : episodes) {
            Long end = lastEnd.get(e.phone());
            if (end != null) {
                assertThat(e.startMillis()).as("episode %s of phone %d", e.name(), e.phone()).isGreaterThanOrEqualTo(end + 1100);
            }
            lastEnd.put(e.phone(), e.endMillis());
            for (Step s : e.steps()) {
                Long before = lastSent.put(e.phone() + " " + s.url(), s.atMillis());
                if (before != null) {
                    assertThat(s.atMillis() - before).as("repeat of %s", s.url()).isGreaterThanOrEqualTo(1100);
                }
            }
        }
        assertThat(episodes.stream().filter(e -> !e.name().equals("REGISTRATION"))).hasSizeGreaterThan(20);
    }

    @Test
    void shouldPlayTheFullVendorsScenariosWithTheirEventSequences() {
        assertThat(types(onlyCall(FULL, CallScenario.INBOUND_ANSWERED)))
                .containsExactly(INCOMING_CALL, OFF_HOOK, ESTABLISHED, TERMINATED, ON_HOOK);
        assertThat(types(onlyCall(FULL, CallScenario.MISSED))).containsExactly(INCOMING_CALL, MISSED_CALL, TERMINATED);
        assertThat(types(onlyCall(FULL, CallScenario.REJECTED)))
                .containsExactly(INCOMING_CALL, REJECT_INCOMING_CALL, TERMINATED);
        assertThat(types(onlyCall(FULL, CallScenario.FORWARDED)))
                .containsExactly(INCOMING_CALL, FORWARD_INCOMING_CALL, TERMINATED);
        assertThat(types(onlyCall(FULL, CallScenario.BUSY))).containsExactly(OFF_HOOK, OUTGOING_CALL, REMOTE_BUSY, ON_HOOK);
        assertThat(types(onlyCall(FULL, CallScenario.CANCELLED)))
                .containsExactly(OFF_HOOK, OUTGOING_CALL, CANCEL_CALL_OUT, TERMINATED, ON_HOOK);
        assertThat(types(onlyCall(FULL, CallScenario.OUTBOUND_ANSWERED)))
                .containsExactly(OFF_HOOK, OUTGOING_CALL, ESTABLISHED, TERMINATED, ON_HOOK);
        assertThat(types(onlyCall(FULL, CallScenario.HOLD_UNHOLD)))
                .containsExactly(INCOMING_CALL, OFF_HOOK, ESTABLISHED, HOLD, UNHOLD, TERMINATED, ON_HOOK);
        assertThat(types(onlyCall(FULL, CallScenario.CALL_WAITING))).containsExactly(INCOMING_CALL, OFF_HOOK,
                ESTABLISHED, INCOMING_CALL, ANSWER_NEW_INCOMING_CALL, HOLD, ESTABLISHED, TERMINATED, UNHOLD, TERMINATED,
                ON_HOOK);
        assertThat(types(onlyCall(FULL, CallScenario.CALL_WAITING_MISSED))).containsExactly(INCOMING_CALL, OFF_HOOK,
                ESTABLISHED, INCOMING_CALL, MISSED_CALL, TERMINATED, TERMINATED, ON_HOOK);
        assertThat(types(onlyCall(FULL, CallScenario.BLIND_TRANSFER_CALL))).containsExactly(INCOMING_CALL, OFF_HOOK,
                ESTABLISHED, BLIND_TRANSFER, TRANSFER_FINISHED, TERMINATED, ON_HOOK);
    }

    @ParameterizedTest
    @EnumSource(CallScenario.class)
    void shouldExpectTheScenariosOutcomeWithTheCallIdAndPartySent(CallScenario scenario) {
        Episode call = onlyCall(FULL, scenario);

        boolean twoCalls = scenario == CallScenario.CALL_WAITING || scenario == CallScenario.CALL_WAITING_MISSED;
        assertThat(call.expected()).hasSize(twoCalls ? 2 : 1);
        Set<CallOutcome> outcomes = call.expected().stream().map(ExpectedCall::outcome).collect(Collectors.toSet());
        if (scenario == CallScenario.CALL_WAITING_MISSED) {
            assertThat(call.expected()).extracting(ExpectedCall::outcome)
                    .containsExactly(CallOutcome.MISSED, CallOutcome.ANSWERED);
            return;
        }
        CallOutcome expected = switch (scenario) {
            case MISSED -> CallOutcome.MISSED;
            case REJECTED -> CallOutcome.REJECTED;
            case FORWARDED -> CallOutcome.FORWARDED;
            case BUSY -> CallOutcome.BUSY;
            case CANCELLED -> CallOutcome.CANCELLED;
            case BLIND_TRANSFER_CALL -> CallOutcome.TRANSFERRED;
            default -> CallOutcome.ANSWERED;
        };
        assertThat(outcomes).containsExactly(expected);
        for (ExpectedCall e : call.expected()) {
            assertThat(e.direction()).isEqualTo(Set.of(CallScenario.BUSY, CallScenario.CANCELLED,
                    CallScenario.OUTBOUND_ANSWERED).contains(scenario) ? Direction.OUTBOUND : Direction.INBOUND);
            assertThat(call.steps()).anySatisfy(s -> assertThat(s.url())
                    .contains("remote=sip:" + e.remoteUser() + "@").contains("call_id=" + e.callId() + "&"));
            assertThat(e.localUser()).isEqualTo("1000");
        }
    }

    @Test
    void shouldLeaveOutTheScenariosABasicVendorCannotExpressAndReportItsLineState() {
        List<Episode> episodes = plan(settings(BASIC).phones(2).callsPerSecond(1).rotateScenarios(true).build());

        Set<CallScenario> played = EnumSet.noneOf(CallScenario.class);
        episodes.forEach(e -> e.expected().forEach(x -> played.add(x.scenario())));
        assertThat(played).containsExactlyInAnyOrder(CallScenario.INBOUND_ANSWERED, CallScenario.MISSED,
                CallScenario.CANCELLED, CallScenario.OUTBOUND_ANSWERED, CallScenario.CALL_WAITING,
                CallScenario.CALL_WAITING_MISSED);
        Episode cancelled = episodes.stream().filter(e -> e.name().equals("CANCELLED")).findFirst().orElseThrow();
        assertThat(types(cancelled)).containsExactly(OFF_HOOK, OUTGOING_CALL, TERMINATED, ON_HOOK);
        assertThat(cancelled.steps().get(2).url()).endsWith("/basic/disconnected?local=" + cancelled.expected().get(0).localUser()
                + "&state=OUTGOING");
        assertThat(cancelled.steps().get(0).url()).as("off hook before dialing names no party").endsWith("&remote=");
        assertThat(cancelled.expected().get(0).callId()).as("basic URLs carry no call id").isNull();
        Episode missed = episodes.stream().filter(e -> e.name().equals("MISSED")).findFirst().orElseThrow();
        assertThat(missed.steps().get(1).url()).endsWith("&state=INCOMING");
    }

    @Test
    void shouldPlaceADialedCallToTheNumberWithoutChangingThePlan() {
        SimulationSettings s = settings(FULL).phones(2).build();
        TrafficPlanner planner = new TrafficPlanner(s);
        List<Episode> head = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            head.add(planner.next());
        }

        Episode dialed = planner.dial(1, "2042", 5_000).orElseThrow();

        assertThat(dialed.phone()).isEqualTo(1);
        assertThat(dialed.startMillis()).isEqualTo(5_000);
        assertThat(types(dialed)).containsExactly(OFF_HOOK, OUTGOING_CALL, ESTABLISHED, TERMINATED, ON_HOOK);
        assertThat(dialed.expected()).singleElement().satisfies(e -> {
            assertThat(e.remoteUser()).isEqualTo("2042");
            assertThat(e.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(e.outcome()).isEqualTo(CallOutcome.ANSWERED);
        });
        List<Episode> plain = plan(s);
        assertThat(plain.subList(0, 3)).isEqualTo(head);
        assertThat(planner.next().name()).isEqualTo(plain.get(3).name());
    }
}
