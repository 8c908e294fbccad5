package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.Direction;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.testkit.sim.CallScenario;
import dev.hookline.testkit.sim.ExpectedCall;
import dev.hookline.testkit.sim.SentRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ClusterFaultsIT's checks fail on a lost, doubled or wrong record, and pass what faults may leave. */
class FaultInvariantsTest {

    private static final ExpectedCall MISSED = call("0900000001", CallOutcome.MISSED);
    private static final ExpectedCall ANSWERED = call("0900000002", CallOutcome.ANSWERED);

    @Test
    void shouldPassEveryAcknowledgedCallAsOneSessionWhateverBecameOfTheOthers() {
        ExpectedCall partial = call("0900000003", CallOutcome.ANSWERED);
        ExpectedCall gone = call("0900000004", CallOutcome.ANSWERED);

        assertThatCode(() -> FaultInvariants.assertEveryAcknowledgedCallOneSession(List.of(MISSED, ANSWERED),
                List.of(partial, gone), List.of(session(MISSED, CallOutcome.MISSED), session(ANSWERED, CallOutcome.ANSWERED),
                        session(partial, CallOutcome.UNKNOWN)))).doesNotThrowAnyException();
    }

    @Test
    void shouldFailALostADoubledAndAWrongSession() {
        assertThatThrownBy(() -> FaultInvariants.assertEveryAcknowledgedCallOneSession(List.of(MISSED, ANSWERED), List.of(),
                List.of(session(MISSED, CallOutcome.MISSED)))).hasMessageContaining("without their session");
        assertThatThrownBy(() -> FaultInvariants.assertEveryAcknowledgedCallOneSession(List.of(MISSED), List.of(),
                List.of(session(MISSED, CallOutcome.MISSED), session(MISSED, CallOutcome.MISSED))))
                .hasMessageContaining("more than one session");
        assertThatThrownBy(() -> FaultInvariants.assertEveryAcknowledgedCallOneSession(List.of(MISSED), List.of(),
                List.of(session(MISSED, CallOutcome.ANSWERED)))).hasMessageContaining("another direction or outcome");
    }

    @Test
    void shouldFailAnAcknowledgedRequestMissingFromTheRawTopicButNotOneStoredTwice() {
        SentRequest ok = request("/yealink/incoming_call?mac=805ec0000001&call_id=1", 200);
        SentRequest refused = request("/yealink/terminated?mac=805ec0000001&call_id=1", 0);

        assertThatCode(() -> FaultInvariants.assertEveryAcknowledgedRequestStored(List.of(ok, refused),
                List.of(raw(ok), raw(ok)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> FaultInvariants.assertEveryAcknowledgedRequestStored(List.of(ok, ok), List.of(raw(ok))))
                .hasMessageContaining("missing from phone.raw.v1");
    }

    @Test
    void shouldFailACommandWithoutAResultOrWithTwo() {
        assertThatCode(() -> FaultInvariants.assertOneResultPerCommand(Set.of("a", "b"), List.of(result("a"), result("b"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> FaultInvariants.assertOneResultPerCommand(Set.of("a", "b"), List.of(result("a"))))
                .hasMessageContaining("without a result");
        assertThatThrownBy(() -> FaultInvariants.assertOneResultPerCommand(Set.of("a"), List.of(result("a"), result("a"))))
                .hasMessageContaining("more than one result");
    }

    private static ExpectedCall call(String party, CallOutcome outcome) {
        return new ExpectedCall(0, "805ec0000001", "127.1.0.1", "yealink", CallScenario.MISSED, Direction.INBOUND, outcome,
                "1000", party, null, null, 0, 0);
    }

    private static CallSession session(ExpectedCall call, CallOutcome outcome) {
        return CallSession.newBuilder().setSessionId(call.remoteUser() + outcome).setDeviceId(call.deviceId())
                .setDirection(call.direction()).setRemoteUser(call.remoteUser()).setStartedAt(Instant.EPOCH)
                .setEndedAt(Instant.EPOCH).setOutcome(outcome).setEventCount(2).build();
    }

    private static SentRequest request(String target, int status) {
        return new SentRequest(Instant.EPOCH, 0, "127.1.0.1", "http://127.0.0.1:8080" + target, status, null);
    }

    private static RawPhoneRequest raw(SentRequest request) {
        String target = request.url().substring("http://127.0.0.1:8080".length());
        int q = target.indexOf('?');
        return RawPhoneRequest.newBuilder().setRequestId(request.url()).setReceivedAt(Instant.EPOCH).setGatewayId("gw")
                .setDeviceId("805ec0000001").setSourceAddress(request.source()).setSourcePort(5060).setMethod("GET")
                .setPath(target.substring(0, q)).setQuery(target.substring(q + 1)).setHeaders(Map.of()).build();
    }

    private static CommandResult result(String id) {
        return CommandResult.newBuilder().setCommandId(id).setDeviceId("805ec0000001").setAction(CommandAction.DIAL)
                .setStatus(CommandStatus.DELIVERED).setCompletedAt(Instant.EPOCH).build();
    }
}
