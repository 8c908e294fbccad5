package dev.hookline.processor.calls;

import static dev.hookline.processor.calls.Events.at;
import static dev.hookline.processor.calls.Events.ev;
import static dev.hookline.schema.EventType.ESTABLISHED;
import static dev.hookline.schema.EventType.TERMINATED;
import static dev.hookline.schema.EventType.INCOMING_CALL;
import static dev.hookline.schema.EventType.MISSED_CALL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.processor.ProcessorConfig;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One phone's requests can reach Kafka out of order (two gateways behind a balancer, each on its
 * own connection): an unanswered end is held for the reorder window, so an answer that arrives
 * after the end but happened before it still makes the call ANSWERED; a start arriving after its
 * call ended opens nothing.
 */
class ReorderWindowTest {

    private static final String PHONE = "805ec0aa0001";
    private static final CallCorrelator HOLDING =
            Events.correlator(Map.of(ProcessorConfig.REORDER_WINDOW_MS, 2_000L));

    @Test
    void shouldCountAnAnswerThatArrivesAfterTheEndOfItsCall() {
        Events.Run run = new Events.Run(HOLDING).apply(List.of(
                ev(PHONE, INCOMING_CALL, "10:00:00.000", "2002", "c1"),
                ev(PHONE, TERMINATED, "10:00:09.000", "2002", "c1")));
        assertThat(run.sessions).as("held while an answer may still come").isEmpty();
        assertThat(run.noOpenCalls()).as("no longer in progress").isTrue();

        run.apply(List.of(ev(PHONE, ESTABLISHED, "10:00:03.000", "2002", "c1")));

        CallSession session = single(run);
        assertThat(session.getOutcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(session.getAnsweredAt()).isEqualTo(at("10:00:03.000"));
        assertThat(session.getEndedAt()).isEqualTo(at("10:00:09.000"));
        assertThat(session.getTalkMillis()).isEqualTo(6000L);
        assertThat(session.getEventCount()).isEqualTo(3);
    }

    @Test
    void shouldWriteAnUnansweredEndOnceTheWindowHasPassed() {
        Events.Run run = new Events.Run(HOLDING).apply(List.of(
                ev(PHONE, INCOMING_CALL, "10:00:00.000", "2002", "c1"),
                ev(PHONE, TERMINATED, "10:00:09.000", "2002", "c1")));

        run.releaseEndings(at("10:00:10.999"));
        assertThat(run.sessions).as("within the window").isEmpty();
        run.releaseEndings(at("10:00:11.000"));
        assertThat(single(run).getOutcome()).isEqualTo(CallOutcome.MISSED);
        assertThat(single(run).getEndedAt()).isEqualTo(at("10:00:09.000"));
        assertThat(PhoneCalls.holdsEndings(run.state)).isFalse();
    }

    @Test
    void shouldReleaseAHeldEndWhenThePhonesNextEventIsPastTheWindow() {
        Events.Run run = new Events.Run(HOLDING).apply(List.of(
                ev(PHONE, INCOMING_CALL, "10:00:00.000", "2002", "c1"),
                ev(PHONE, TERMINATED, "10:00:09.000", "2002", "c1"),
                ev(PHONE, INCOMING_CALL, "10:00:30.000", "3003", "c2")));

        assertThat(single(run).getOutcome()).isEqualTo(CallOutcome.MISSED);
        assertThat(run.state.getCalls()).singleElement().satisfies(call -> assertThat(call.getCallId()).isEqualTo("c2"));
    }

    @Test
    void shouldIgnoreAnAnswerThatHappenedAfterTheEnd() {
        // An answer stamped after the end belongs to no held call (a new call's would carry its id).
        Events.Run run = new Events.Run(HOLDING).apply(List.of(
                ev(PHONE, INCOMING_CALL, "10:00:00.000", "2002", "c1"),
                ev(PHONE, TERMINATED, "10:00:09.000", "2002", "c1"),
                ev(PHONE, ESTABLISHED, "10:00:09.500", "2002", "c1")));
        run.releaseEndings(at("10:00:12.000"));

        assertThat(run.sessions).extracting(CallSession::getOutcome).containsExactly(CallOutcome.MISSED);
    }

    @Test
    void shouldNotOpenACallForAStartThatArrivesAfterItsCallEnded() {
        Events.Run run = new Events.Run(HOLDING).apply(List.of(
                ev(PHONE, ESTABLISHED, "10:00:02.000", "2002", "c1"),
                ev(PHONE, TERMINATED, "10:00:09.000", "2002", "c1"),
                ev(PHONE, INCOMING_CALL, "10:00:00.000", "2002", "c1")));

        assertThat(single(run).getOutcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(run.noOpenCalls()).as("no ghost call ringing").isTrue();
        assertThat(run.changes).noneMatch(change -> change.state() != null
                && change.state().getStartedAt().equals(at("10:00:00.000")));
    }

    @Test
    void shouldWriteAnEndThePhoneNamedAtOnce() {
        // missed_call is the phone's own word for the outcome: nothing to wait for.
        Events.Run run = new Events.Run(HOLDING).apply(List.of(
                ev(PHONE, INCOMING_CALL, "10:00:00.000", "2002", "c1"),
                ev(PHONE, MISSED_CALL, "10:00:09.000", "2002", "c1")));

        assertThat(single(run).getOutcome()).isEqualTo(CallOutcome.MISSED);
    }

    @Test
    void shouldWriteUnansweredEndsAtOnceWithoutAWindow() {
        Events.Run run = Events.run(List.of(
                ev(PHONE, INCOMING_CALL, "10:00:00.000", "2002", "c1"),
                ev(PHONE, TERMINATED, "10:00:09.000", "2002", "c1")));

        assertThat(single(run).getOutcome()).isEqualTo(CallOutcome.MISSED);
    }

    private static CallSession single(Events.Run run) {
        assertThat(run.sessions).hasSize(1);
        return run.sessions.get(0);
    }
}
