package dev.hookline.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.bench.chaos.RunFiles.Phone;
import dev.hookline.bench.chaos.RunFiles.Request;
import dev.hookline.schema.Availability;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.Direction;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Registration;
import dev.hookline.testkit.sim.CallScenario;
import dev.hookline.testkit.sim.ExpectedCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chaos soak's rules: each invariant passes what faults may leave and fails what they must not. */
class ChaosCheckTest {

    private static final String PHONE = "805ec0000001";
    private static final Phone FLEET = new Phone(PHONE, "127.1.0.1", "yealink", List.of("1000"));
    private static final Request RING = new Request("127.1.0.1", "/yealink/incoming_call?mac=" + PHONE + "&call_id=1", 200);
    private static final Request HANG_UP = new Request("127.1.0.1", "/yealink/terminated?mac=" + PHONE + "&call_id=1", 200);
    private static final ExpectedCall ANSWERED = call("0900000001", Direction.INBOUND, CallOutcome.ANSWERED);
    private static final ExpectedCall MISSED = call("0900000002", Direction.INBOUND, CallOutcome.MISSED);

    /** A run where everything held: two acknowledged calls, one command, the line available. */
    private static final class Run {
        List<Request> requests = new ArrayList<>(List.of(RING, HANG_UP));
        List<ExpectedCall> acknowledged = new ArrayList<>(List.of(ANSWERED, MISSED));
        List<ExpectedCall> unconfirmed = new ArrayList<>();
        List<String> commands = new ArrayList<>(List.of("c1"));
        List<RawPhoneRequest> raw = new ArrayList<>(List.of(raw(RING), raw(HANG_UP)));
        List<CallSession> sessions = new ArrayList<>(List.of(session(ANSWERED, CallOutcome.ANSWERED),
                session(MISSED, CallOutcome.MISSED)));
        List<CommandResult> results = new ArrayList<>(List.of(result("c1")));
        Map<String, LineStatus> lines = Map.of(PHONE + "/1000@pbx", line(Registration.REGISTERED, Availability.AVAILABLE));

        Verdict check() {
            return ChaosCheck.check(new ChaosCheck.Input(List.of(FLEET), requests, acknowledged, unconfirmed, commands,
                    List.of(), raw, sessions, results, lines));
        }
    }

    @Test
    void shouldPassARunWhereEveryInvariantHeld() {
        Verdict verdict = new Run().check();

        assertThat(verdict.failures()).isEmpty();
        assertThat(verdict.requestsAcknowledged()).isEqualTo(2);
        assertThat(verdict.callsAcknowledged()).isEqualTo(2);
        assertThat(verdict.resultsByStatus()).containsEntry("DELIVERED", 1L);
        assertThat(verdict.linesChecked()).isEqualTo(1);
    }

    @Test
    void shouldLeaveOutARequestNotAcknowledgedButFailOneAcknowledgedAndNotStored() {
        Run refused = new Run();
        refused.requests.add(new Request("127.1.0.1", "/yealink/on_hook?mac=" + PHONE, 0));
        Run lost = new Run();
        lost.raw.remove(1);
        Run twice = new Run();
        twice.requests.add(RING);

        assertThat(refused.check().failures()).isEmpty();
        assertThat(lost.check().lostRequests()).containsExactly("127.1.0.1 " + HANG_UP.target() + " (1 acknowledged, 0 stored)");
        assertThat(twice.check().lostRequests()).as("two 200s for the same request need two records").hasSize(1);
    }

    @Test
    void shouldStoreARequestTwiceWithoutComplaint() {
        Run replayed = new Run();
        replayed.raw.add(raw(RING));

        assertThat(replayed.check().failures()).isEmpty();
    }

    @Test
    void shouldFailAnAcknowledgedCallWithoutItsSessionOrWithTwo() {
        Run lost = new Run();
        lost.sessions.remove(1);
        Run doubled = new Run();
        doubled.sessions.add(session(MISSED, CallOutcome.MISSED));

        assertThat(lost.check().lostCalls()).singleElement().asString().contains(PHONE + " with 0900000002");
        assertThat(doubled.check().duplicatedCalls()).singleElement().asString().contains("1 played, 2 sessions");
        assertThat(doubled.check().passed()).isFalse();
    }

    @Test
    void shouldFailASessionWithAnotherOutcomeOrDirection() {
        Run outcome = new Run();
        outcome.sessions.set(1, session(MISSED, CallOutcome.UNKNOWN));
        Run direction = new Run();
        direction.sessions.set(0, CallSession.newBuilder(session(ANSWERED, CallOutcome.ANSWERED))
                .setDirection(Direction.OUTBOUND).build());

        assertThat(outcome.check().wrongOutcomes()).singleElement().asString()
                .contains("played INBOUND MISSED, sessions [INBOUND UNKNOWN]");
        assertThat(direction.check().wrongOutcomes()).hasSize(1);
    }

    @Test
    void shouldAllowACallNotAcknowledgedToBeASessionOrNone() {
        ExpectedCall partial = call("0900000003", Direction.OUTBOUND, CallOutcome.ANSWERED);
        ExpectedCall gone = call("0900000004", Direction.OUTBOUND, CallOutcome.ANSWERED);
        Run run = new Run();
        run.unconfirmed.addAll(List.of(partial, gone));
        run.sessions.add(session(partial, CallOutcome.UNKNOWN));

        assertThat(run.check().failures()).isEmpty();
        assertThat(run.check().callsUnconfirmed()).isEqualTo(2);
    }

    @Test
    void shouldCountADialPlacedTwiceAsTwoCallsAndAThirdSessionAsADuplicate() {
        ExpectedCall dialed = call("0880000001", Direction.OUTBOUND, CallOutcome.ANSWERED);
        Run run = new Run();
        run.acknowledged.add(dialed);
        run.unconfirmed.add(dialed);
        run.sessions.add(session(dialed, CallOutcome.ANSWERED));
        run.sessions.add(session(dialed, CallOutcome.ANSWERED));

        assertThat(run.check().failures()).as("the phone got the dial twice and placed both calls").isEmpty();
        run.sessions.add(session(dialed, CallOutcome.ANSWERED));
        assertThat(run.check().duplicatedCalls()).hasSize(1);
    }

    @Test
    void shouldCountDialsBothAcknowledgedAsPlayedTwice() {
        ExpectedCall dialed = call("0880000001", Direction.OUTBOUND, CallOutcome.ANSWERED);
        Run run = new Run();
        run.acknowledged.addAll(List.of(dialed, dialed));
        run.sessions.addAll(List.of(session(dialed, CallOutcome.ANSWERED), session(dialed, CallOutcome.ANSWERED)));

        assertThat(run.check().failures()).isEmpty();
        assertThat(run.check().dialsPlayedTwice()).isEqualTo(1);
        run.sessions.remove(run.sessions.size() - 1);
        assertThat(run.check().lostCalls()).singleElement().asString().contains("2 acknowledged, 1 sessions");
    }

    @Test
    void shouldFailACommandWithoutAResultOrWithTwoButNotOneNeverConfirmed() {
        Run missing = new Run();
        missing.commands.add("c2");
        Run twice = new Run();
        twice.results.add(result("c1"));
        Run unconfirmedSend = new Run();
        unconfirmedSend.results.add(result("c3"));

        assertThat(missing.check().commandsWithoutResult()).containsExactly("c2");
        assertThat(twice.check().commandsAnsweredTwice()).containsExactly("c1: [DELIVERED, DELIVERED]");
        assertThat(unconfirmedSend.check().failures()).isEmpty();
    }

    @Test
    void shouldFailALineLeftBusyOrNotRegisteredOrMissing() {
        Run busy = new Run();
        busy.lines = Map.of(PHONE + "/1000@pbx", line(Registration.REGISTERED, Availability.BUSY));
        Run unknown = new Run();
        unknown.lines = Map.of(PHONE + "/1000@pbx", line(Registration.UNKNOWN, Availability.UNKNOWN));
        Run missing = new Run();
        missing.lines = Map.of();

        assertThat(busy.check().wrongLines()).singleElement().asString().contains("[REGISTERED BUSY]");
        assertThat(unknown.check().wrongLines()).hasSize(1);
        assertThat(missing.check().wrongLines()).singleElement().asString().endsWith("[]");
    }

    @Test
    void shouldFailARunThatJudgedNothing() {
        Run idle = new Run();
        idle.acknowledged.clear();
        idle.sessions.clear();

        assertThat(idle.check().failures()).singleElement().asString().startsWith("nothing to judge");
    }

    private static ExpectedCall call(String party, Direction direction, CallOutcome outcome) {
        return new ExpectedCall(0, PHONE, "127.1.0.1", "yealink", CallScenario.INBOUND_ANSWERED, direction, outcome, "1000",
                party, null, null, 0, 0);
    }

    private static CallSession session(ExpectedCall call, CallOutcome outcome) {
        return CallSession.newBuilder().setSessionId(call.remoteUser() + outcome).setDeviceId(call.deviceId())
                .setDirection(call.direction()).setRemoteUser(call.remoteUser()).setStartedAt(Instant.EPOCH)
                .setEndedAt(Instant.EPOCH).setOutcome(outcome).setEventCount(3).build();
    }

    private static RawPhoneRequest raw(Request request) {
        int q = request.target().indexOf('?');
        return RawPhoneRequest.newBuilder().setRequestId(request.target()).setReceivedAt(Instant.EPOCH).setGatewayId("gw")
                .setDeviceId(PHONE).setSourceAddress(request.source()).setSourcePort(5060).setMethod("GET")
                .setPath(request.target().substring(0, q)).setQuery(request.target().substring(q + 1))
                .setHeaders(Map.of()).setSource(EventSource.ACTION_URL).build();
    }

    private static CommandResult result(String id) {
        return CommandResult.newBuilder().setCommandId(id).setDeviceId(PHONE).setAction(CommandAction.DIAL)
                .setStatus(CommandStatus.DELIVERED).setCompletedAt(Instant.EPOCH).build();
    }

    private static LineStatus line(Registration registration, Availability availability) {
        return LineStatus.newBuilder().setDeviceId(PHONE).setLine("1000@pbx.hookline.test").setRegistration(registration)
                .setAvailability(availability).setSince(Instant.EPOCH).setUpdatedAt(Instant.EPOCH).build();
    }
}
