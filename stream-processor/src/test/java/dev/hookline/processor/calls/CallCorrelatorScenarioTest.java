package dev.hookline.processor.calls;

import static dev.hookline.processor.calls.Events.at;
import static dev.hookline.processor.calls.Events.ev;
import static dev.hookline.processor.calls.Events.inDirection;
import static dev.hookline.processor.calls.Events.inLineState;
import static dev.hookline.processor.calls.Events.transferredTo;
import static dev.hookline.schema.EventType.ANSWER_NEW_INCOMING_CALL;
import static dev.hookline.schema.EventType.BLIND_TRANSFER;
import static dev.hookline.schema.EventType.CANCEL_CALL_OUT;
import static dev.hookline.schema.EventType.DND_ON;
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
import static dev.hookline.schema.EventType.TERMINATED;
import static dev.hookline.schema.EventType.TRANSFER_FINISHED;
import static dev.hookline.schema.EventType.UNHOLD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.CallStatus;
import dev.hookline.schema.Direction;
import dev.hookline.schema.LineState;
import dev.hookline.schema.PhoneEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The call scenarios of the public capture, one device each, built by hand from the capture's
 * lines and checked against calls-public.expected.json.
 */
class CallCorrelatorScenarioTest {

    private static JsonNode expected;
    private static long tolerance;

    @BeforeAll
    static void loadExpected() throws IOException {
        try (InputStream in = CallCorrelatorScenarioTest.class.getResourceAsStream("/captures/calls-public.expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        tolerance = expected.get("tolerance_ms").asLong();
    }

    /** Asserts the sessions equal the expected ones of that device (as a multiset, matched in order). */
    private static void assertMatchesExpected(String device, List<CallSession> sessions) {
        List<JsonNode> want = new ArrayList<>();
        expected.get("sessions").forEach(s -> {
            if (s.get("deviceId").asText().equals(device)) {
                want.add(s);
            }
        });
        assertThat(sessions).as("sessions of %s", device).hasSize(want.size());
        List<CallSession> left = new ArrayList<>(sessions);
        for (JsonNode w : want) {
            CallSession s = left.stream()
                    .filter(x -> x.getRemoteUser() != null && x.getRemoteUser().equals(w.get("remoteUser").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no session with remote " + w));
            left.remove(s);
            assertThat(s.getDeviceId()).isEqualTo(device);
            assertThat(s.getDirection().name()).isEqualTo(w.get("direction").asText());
            assertThat(s.getOutcome().name()).isEqualTo(w.get("outcome").asText());
            for (String f : List.of("ringMillis", "talkMillis", "holdMillis")) {
                if (w.has(f)) {
                    Long got = switch (f) {
                        case "ringMillis" -> s.getRingMillis();
                        case "talkMillis" -> s.getTalkMillis();
                        default -> s.getHoldMillis();
                    };
                    assertThat(got).as("%s of %s", f, w).isNotNull();
                    assertThat(got).as("%s of %s", f, w).isBetween(w.get(f).asLong() - tolerance, w.get(f).asLong() + tolerance);
                }
            }
            assertThat(s.getEndedAt()).isAfterOrEqualTo(s.getStartedAt());
        }
    }

    @Test
    void answeredInboundHasRingAndTalkTimesFromEstablished() {
        String d = "805ec062e6b4";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:03:56.894", "2049", "7"),
                ev(d, OFF_HOOK, "09:04:00.894", "2049", "7"),
                ev(d, ESTABLISHED, "09:04:00.994", "2049", "7"),
                ev(d, TERMINATED, "09:05:00.994", "2049", "7"),
                ev(d, ON_HOOK, "09:05:01.194", "2049", "7")));
        assertMatchesExpected(d, r.sessions);
        CallSession s = r.sessions.get(0);
        assertThat(s.getRingMillis()).isEqualTo(4100L);
        assertThat(s.getTalkMillis()).isEqualTo(60000L);
        assertThat(s.getEventCount()).isEqualTo(4);
        assertThat(s.getCallId()).isEqualTo("7");
        assertThat(s.getSessionId()).isEqualTo(d + "-7-" + at("09:03:56.894").toEpochMilli());
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void callStateShowsRingingThenConnectedThenTombstone() {
        String d = "805ec062e6b4";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:03:56.894", "2049", "7"),
                ev(d, OFF_HOOK, "09:04:00.894", "2049", "7"),
                ev(d, TERMINATED, "09:05:00.994", "2049", "7")));
        assertThat(r.changes).extracting(CallStateChange::callKey).containsOnly("7");
        assertThat(r.changes).extracting(c -> c.tombstone() ? null : c.state().getState())
                .containsExactly(CallStatus.RINGING, CallStatus.CONNECTED, null);
        assertThat(r.changes.get(0).topicKey()).isEqualTo(d + "/7");
    }

    @Test
    void basicPhoneIncomingThenOffHookThenOnHookIsAnswered() {
        String d = "805ec0228b2f";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:00:56.478", "3596", null),
                ev(d, OFF_HOOK, "09:01:01.478", "3596", null),
                ev(d, ON_HOOK, "09:02:01.478", "3596", null)));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.sessions.get(0).getEventCount()).isEqualTo(3);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void basicPhoneHookEventsWithoutPartiesStillCorrelate() {
        String d = "805ec0930e07"; // /incomingcall, /offhook, /onhook with only the local party
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:07:34.284", "3155", null),
                ev(d, OFF_HOOK, "09:07:39.284", null, null),
                ev(d, ON_HOOK, "09:08:39.284", null, null)));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void missedCallEndsAsMissedAndTrailingTerminatedIsIgnored() {
        String d = "805ec01ed904";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:02:08.818", "4088", "9"),
                ev(d, MISSED_CALL, "09:02:28.818", "4088", "9"),
                ev(d, TERMINATED, "09:02:28.918", "4088", "9")));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.sessions.get(0).getTalkMillis()).isNull();
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void snomMissedThenDisconnectedIsOneMissedCall() {
        String d = "0004132df9fd";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:02:10.924", "4294", null),
                ev(d, MISSED_CALL, "09:02:30.924", "4294", null),
                ev(d, TERMINATED, "09:02:31.024", "4294", null)));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void incomingEndedWithoutAnswerIsMissed() {
        String d = "805ec0feeacb";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:00:23.524", "4684", null),
                ev(d, TERMINATED, "09:00:43.624", null, null)));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void rejectedIncomingCall() {
        String d = "805ec07f0367";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:02:24.397", "5564", "11"),
                ev(d, REJECT_INCOMING_CALL, "09:02:27.397", "5564", "11")));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void forwardedIncomingCallKeepsTheForwardTarget() {
        String d = "805ec07cad4a";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:05:39.272", "5970", "12"),
                transferredTo(ev(d, FORWARD_INCOMING_CALL, "09:05:41.272", "5970", "12"), "1099")));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.sessions.get(0).getTransferTarget()).isEqualTo("1099");
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void outboundAnsweredStartsAtOffHook() {
        String d = "805ec0492630";
        Events.Run r = Events.run(List.of(
                ev(d, OFF_HOOK, "09:05:49.798", null, null),
                ev(d, OUTGOING_CALL, "09:05:52.798", "6063", "21"),
                ev(d, ESTABLISHED, "09:05:59.798", "6063", "21"),
                ev(d, TERMINATED, "09:07:59.798", "6063", "21"),
                ev(d, ON_HOOK, "09:08:00.198", "6063", "21")));
        assertMatchesExpected(d, r.sessions);
        CallSession s = r.sessions.get(0);
        assertThat(s.getStartedAt()).isEqualTo(at("09:05:49.798"));
        assertThat(s.getRingMillis()).isNull();
        assertThat(s.getEventCount()).isEqualTo(4);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void outboundWithoutCallIdOrOffHook() {
        String d = "805ec023deef";
        Events.Run r = Events.run(List.of(
                ev(d, OFF_HOOK, "09:05:43.815", null, null),
                ev(d, OUTGOING_CALL, "09:05:46.815", "6896", null),
                ev(d, ESTABLISHED, "09:05:53.815", null, null),
                ev(d, TERMINATED, "09:07:53.815", null, null),
                ev(d, ON_HOOK, "09:07:54.215", null, null)));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void cancelCallOutIsCancelled() {
        String d = "805ec0a3bd04";
        Events.Run r = Events.run(List.of(
                ev(d, OFF_HOOK, "09:00:29.753", null, null),
                ev(d, OUTGOING_CALL, "09:00:31.753", "7226", "22"),
                ev(d, CANCEL_CALL_OUT, "09:00:54.753", "7226", "22"),
                ev(d, ON_HOOK, "09:00:55.053", "7226", "22")));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void outboundHungUpBeforeAnswerIsCancelled() {
        String d = "000413ef1582";
        Events.Run r = Events.run(List.of(
                ev(d, OFF_HOOK, "09:01:39.819", null, null),
                ev(d, OUTGOING_CALL, "09:01:41.819", "7411", null),
                ev(d, ON_HOOK, "09:02:05.119", "7411", null)));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void remoteBusyIsBusy() {
        String d = "805ec01becd7";
        Events.Run r = Events.run(List.of(
                ev(d, OFF_HOOK, "09:01:19.904", null, null),
                ev(d, OUTGOING_CALL, "09:01:21.904", "8429", "23"),
                ev(d, REMOTE_BUSY, "09:01:24.904", "8429", "23"),
                ev(d, ON_HOOK, "09:01:26.904", "8429", "23")));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void holdTimeIsAccumulatedAndIncludedInTalk() {
        String d = "805ec034ede6";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:05:42.548", "9573", "31"),
                ev(d, OFF_HOOK, "09:05:44.548", "9573", "31"),
                ev(d, ESTABLISHED, "09:05:44.648", "9573", "31"),
                ev(d, HOLD, "09:06:02.548", "9573", "31"),
                ev(d, UNHOLD, "09:06:32.548", "9573", "31"),
                ev(d, TERMINATED, "09:07:12.548", "9573", "31"),
                ev(d, ON_HOOK, "09:07:12.748", "9573", "31")));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.sessions.get(0).getHoldMillis()).isEqualTo(30000L);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void snomHoldWithDisconnected() {
        String d = "0004139ca818";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:01:22.155", "9440", "h0ld884@pbx.example"),
                ev(d, OFF_HOOK, "09:01:24.155", "9440", "h0ld884@pbx.example"),
                ev(d, ESTABLISHED, "09:01:24.255", "9440", "h0ld884@pbx.example"),
                ev(d, HOLD, "09:01:42.155", "9440", "h0ld884@pbx.example"),
                ev(d, UNHOLD, "09:02:12.155", "9440", "h0ld884@pbx.example"),
                ev(d, TERMINATED, "09:02:52.155", "9440", "h0ld884@pbx.example"),
                ev(d, ON_HOOK, "09:02:52.355", "9440", "h0ld884@pbx.example")));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void callWaitingGivesTwoOverlappingCallsByCallId() {
        String d = "805ec0be97ba";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:05:48.960", "2654", "41"),
                ev(d, OFF_HOOK, "09:05:51.960", "2654", "41"),
                ev(d, ESTABLISHED, "09:05:52.060", "2654", "41"),
                ev(d, INCOMING_CALL, "09:06:18.960", "3381", "42"),
                ev(d, ANSWER_NEW_INCOMING_CALL, "09:06:23.960", "3381", "42"),
                ev(d, HOLD, "09:06:24.010", "2654", "41"),
                ev(d, ESTABLISHED, "09:06:24.060", "3381", "42"),
                ev(d, TERMINATED, "09:07:23.960", "3381", "42"),
                ev(d, UNHOLD, "09:07:24.960", "2654", "41"),
                ev(d, TERMINATED, "09:07:48.960", "2654", "41"),
                ev(d, ON_HOOK, "09:07:49.260", "2654", "41")));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.sessions).extracting(CallSession::getRemoteUser).containsExactly("3381", "2654");
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void snomCallWaitingWithConnectedAndDisconnected() {
        String d = "0004139cdb30";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:04:09.177", "2367", "wa699@pbx.example"),
                ev(d, OFF_HOOK, "09:04:12.177", "2367", "wa699@pbx.example"),
                ev(d, ESTABLISHED, "09:04:12.277", "2367", "wa699@pbx.example"),
                ev(d, INCOMING_CALL, "09:04:39.177", "3905", "wb389@pbx.example"),
                ev(d, HOLD, "09:04:44.227", "2367", "wa699@pbx.example"),
                ev(d, ESTABLISHED, "09:04:44.277", "3905", "wb389@pbx.example"),
                ev(d, TERMINATED, "09:05:44.177", "3905", "wb389@pbx.example"),
                ev(d, UNHOLD, "09:05:45.177", "2367", "wa699@pbx.example"),
                ev(d, TERMINATED, "09:06:09.177", "2367", "wa699@pbx.example"),
                ev(d, ON_HOOK, "09:06:09.477", "2367", "wa699@pbx.example")));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void secondIncomingWithoutCallIdWhileConnectedIsANewCall() {
        String d = "aa0000000001";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "10:00:00.000", "2000", null),
                ev(d, OFF_HOOK, "10:00:02.000", null, null),
                ev(d, INCOMING_CALL, "10:00:30.000", "3000", null),
                ev(d, HOLD, "10:00:35.000", null, null),
                ev(d, ESTABLISHED, "10:00:35.100", "3000", null),
                ev(d, TERMINATED, "10:01:35.100", "3000", null),
                ev(d, UNHOLD, "10:01:36.000", null, null),
                ev(d, ON_HOOK, "10:02:00.000", null, null)));
        assertThat(r.sessions).extracting(CallSession::getRemoteUser).containsExactly("3000", "2000");
        assertThat(r.sessions).extracting(CallSession::getOutcome).containsOnly(CallOutcome.ANSWERED);
        assertThat(r.sessions.get(1).getHoldMillis()).isEqualTo(61000L);
        assertThat(r.sessions.get(0).getRingMillis()).isEqualTo(5100L);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void transferEndsTheCallWithItsTarget() {
        String d = "805ec09c38fb";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:05:38.620", "2633", "51"),
                ev(d, OFF_HOOK, "09:05:40.620", "2633", "51"),
                ev(d, ESTABLISHED, "09:05:40.720", "2633", "51"),
                transferredTo(ev(d, BLIND_TRANSFER, "09:06:08.620", "2633", "51"), "1050"),
                ev(d, TRANSFER_FINISHED, "09:06:09.620", "2633", "51"),
                ev(d, TERMINATED, "09:06:09.720", "2633", "51"),
                ev(d, ON_HOOK, "09:06:09.920", "2633", "51")));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.sessions.get(0).getTransferTarget()).isEqualTo("1050");
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void endNeverReportedIsClosedUnknownByExpiry() {
        String d = "805ec044b9b5";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:05:19.032", "2795", "61"),
                ev(d, OFF_HOOK, "09:05:21.032", "2795", "61"),
                ev(d, ESTABLISHED, "09:05:21.132", "2795", "61")));
        r.expire(at("12:00:00.000"));
        assertThat(r.sessions).isEmpty();
        assertThat(r.noOpenCalls()).isFalse();
        r.expire(at("13:05:21.132"));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.sessions.get(0).getEndedAt()).isEqualTo(at("09:05:21.132"));
        assertThat(r.noOpenCalls()).isTrue();
        assertThat(r.changes.get(r.changes.size() - 1).tombstone()).isTrue();
    }

    @Test
    void endNeverReportedWithoutCallIdIsClosedUnknownByExpiry() {
        for (String d : List.of("805ec08f2614", "0004134b1287")) {
            String remote = d.equals("805ec08f2614") ? "2860" : "2237";
            Events.Run r = Events.run(List.of(
                    ev(d, INCOMING_CALL, "09:04:33.723", remote, null),
                    ev(d, OFF_HOOK, "09:04:35.723", null, null),
                    ev(d, ESTABLISHED, "09:04:35.823", null, null)));
            r.expireLater();
            assertMatchesExpected(d, r.sessions);
            assertThat(r.noOpenCalls()).isTrue();
        }
    }

    @Test
    void lostEndingIsClosedByOnHookAsAnswered() {
        String d = "805ec0606bf2";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "09:09:14.064", "2370", "62"),
                ev(d, OFF_HOOK, "09:09:16.064", "2370", "62"),
                ev(d, ESTABLISHED, "09:09:16.164", "2370", "62"),
                ev(d, ON_HOOK, "09:09:56.164", "2370", "62")));
        assertMatchesExpected(d, r.sessions);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void aCallWhoseStartWasLostTakesTheDirectionThePhoneReports() {
        String d = "aa0000000003";
        Events.Run told = Events.run(List.of(
                inDirection(ev(d, ESTABLISHED, "10:00:00.000", "2000", "c1"), Direction.OUTBOUND),
                ev(d, TERMINATED, "10:00:30.000", "2000", "c1")));
        assertThat(told.sessions).extracting(CallSession::getDirection).containsExactly(Direction.OUTBOUND);
        Events.Run untold = Events.run(List.of(
                ev(d, ESTABLISHED, "10:00:00.000", "2000", "c1"),
                ev(d, TERMINATED, "10:00:30.000", "2000", "c1")));
        assertThat(untold.sessions).extracting(CallSession::getDirection).containsExactly(Direction.INBOUND);
    }

    @Test
    void basicUrlStyleEstablishedThenOnHook() {
        for (String d : List.of("805ec027f5e8", "000413b8948c")) {
            String remote = d.equals("805ec027f5e8") ? "2680" : "2603";
            Events.Run r = Events.run(List.of(
                    ev(d, INCOMING_CALL, "09:04:44.459", remote, null),
                    ev(d, OFF_HOOK, "09:04:46.459", null, null),
                    ev(d, ESTABLISHED, "09:04:46.559", null, null),
                    ev(d, ON_HOOK, "09:05:26.559", null, null)));
            assertMatchesExpected(d, r.sessions);
            assertThat(r.noOpenCalls()).isTrue();
        }
    }

    @Test
    void everyRequestTwiceCountsOnce() {
        String d = "805ec093f73f";
        List<PhoneEvent> events = new ArrayList<>();
        String[][] lines = {
                {"INCOMING_CALL", "09:06:32.979", "09:06:32.986"},
                {"OFF_HOOK", "09:06:36.979", "09:06:36.986"},
                {"ESTABLISHED", "09:06:37.079", "09:06:37.086"},
                {"TERMINATED", "09:07:37.079", "09:07:37.086"},
                {"ON_HOOK", "09:07:37.279", "09:07:37.286"}};
        for (String[] l : lines) {
            events.add(ev(d, dev.hookline.schema.EventType.valueOf(l[0]), l[1], "2757", "7"));
            events.add(ev(d, dev.hookline.schema.EventType.valueOf(l[0]), l[2], "2757", "7"));
        }
        Events.Run r = Events.run(events);
        assertMatchesExpected(d, r.sessions);
        assertThat(r.sessions.get(0).getEventCount()).isEqualTo(4);
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void offHookAndOnHookWithoutACallMakeNoSession() {
        String d = "aa0000000002";
        Events.Run r = Events.run(List.of(
                ev(d, OFF_HOOK, "10:00:00.000", null, null),
                ev(d, ON_HOOK, "10:00:05.000", null, null)));
        assertThat(r.sessions).isEmpty();
        assertThat(r.changes).isEmpty();
        assertThat(PhoneCalls.noCallInProgress(r.state)).isTrue();
    }

    @Test
    void registrationAndDndDoNotTouchCalls() {
        String d = "aa0000000003";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "10:00:00.000", "2000", "1"),
                ev(d, REGISTERED, "10:00:01.000", null, null),
                ev(d, DND_ON, "10:00:02.000", null, null),
                ev(d, MISSED_CALL, "10:00:10.000", "2000", "1")));
        assertThat(r.sessions).hasSize(1);
        assertThat(r.sessions.get(0).getEventCount()).isEqualTo(2);
        assertThat(r.sessions.get(0).getOutcome()).isEqualTo(CallOutcome.MISSED);
    }

    @Test
    void newCallAfterIdleClosesAStaleRingingCallAsUnknown() {
        String d = "aa0000000004";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "10:00:00.000", "2000", null),
                ev(d, INCOMING_CALL, "10:30:00.000", "3000", null),
                ev(d, OFF_HOOK, "10:30:03.000", null, null),
                ev(d, ON_HOOK, "10:31:03.000", null, null)));
        assertThat(r.sessions).extracting(CallSession::getOutcome)
                .containsExactly(CallOutcome.UNKNOWN, CallOutcome.ANSWERED);
        assertThat(r.sessions.get(1).getRemoteUser()).isEqualTo("3000");
        assertThat(r.noOpenCalls()).isTrue();
    }

    @Test
    void tooManyOpenCallsCloseTheOldestAsUnknown() {
        String d = "aa0000000005";
        CallCorrelator small = Events.correlator(Map.of(ProcessorConfig.CALL_MAX_OPEN, 2));
        Events.Run r = new Events.Run(small).apply(List.of(
                ev(d, INCOMING_CALL, "10:00:00.000", "2000", "1"),
                ev(d, INCOMING_CALL, "10:00:01.000", "3000", "2"),
                ev(d, INCOMING_CALL, "10:00:02.000", "4000", "3")));
        assertThat(r.sessions).extracting(CallSession::getRemoteUser).containsExactly("2000");
        assertThat(r.sessions.get(0).getOutcome()).isEqualTo(CallOutcome.UNKNOWN);
        assertThat(r.state.getCalls()).hasSize(2);
    }

    @Test
    void aastraLineStateOnDisconnectGivesTheOutcome() {
        String d = "aa0000000006";
        Events.Run r = Events.run(List.of(
                ev(d, OFF_HOOK, "10:00:00.000", null, null),
                ev(d, OUTGOING_CALL, "10:00:02.000", "2000", null),
                inLineState(ev(d, TERMINATED, "10:00:04.000", null, null), LineState.CALLING)));
        assertThat(r.sessions).extracting(CallSession::getOutcome).containsExactly(CallOutcome.FAILED);
        assertThat(r.sessions.get(0).getDirection()).isEqualTo(Direction.OUTBOUND);
    }

    @Test
    void aastraDisconnectOfASecondCallMissedDuringACallEndsTheRingingOne() {
        // Aastra's disconnected carries no party and no call id, only the line state it ends.
        String d = "aa0000000008";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "10:00:00.000", "2001", null),
                ev(d, ESTABLISHED, "10:00:02.000", null, null),
                ev(d, INCOMING_CALL, "10:00:20.000", "2002", null),
                inLineState(ev(d, TERMINATED, "10:00:30.000", null, null), LineState.INCOMING),
                inLineState(ev(d, TERMINATED, "10:01:00.000", null, null), LineState.CONNECTED)));
        assertThat(r.sessions).extracting(CallSession::getRemoteUser, CallSession::getOutcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2002", CallOutcome.MISSED),
                        org.assertj.core.groups.Tuple.tuple("2001", CallOutcome.ANSWERED));
        assertThat(r.sessions.get(1).getTalkMillis()).isEqualTo(58_000L);
    }

    @Test
    void unsubstitutedVariablesMeanAbsent() {
        String d = "aa0000000007";
        Events.Run r = Events.run(List.of(
                ev(d, INCOMING_CALL, "10:00:00.000", "$remote", "$call_id"),
                ev(d, OFF_HOOK, "10:00:01.000", "2000", null),
                ev(d, ON_HOOK, "10:00:11.000", null, null)));
        assertThat(r.sessions).hasSize(1);
        assertThat(r.sessions.get(0).getRemoteUser()).isEqualTo("2000");
        assertThat(r.sessions.get(0).getCallId()).isNull();
    }
}
