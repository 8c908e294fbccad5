package dev.hookline.processor.state;

import dev.hookline.processor.calls.DeviceCalls;
import dev.hookline.processor.calls.OpenCall;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.HookState;
import dev.hookline.schema.StoredCall;
import dev.hookline.schema.StoredCalls;
import dev.hookline.schema.StoredEndingCall;
import dev.hookline.schema.StoredRecentEnd;
import java.util.ArrayList;
import java.util.List;

/**
 * The correlator's calls ({@link DeviceCalls}, plain records it works on) to and from their
 * stored Avro form ({@code StoredCalls.avsc}), field by field: Avro is several times cheaper
 * to write than the JSON it replaces, and it is written once per event.
 */
final class StoredCallsCodec {

    private StoredCallsCodec() {
    }

    static StoredCalls toStored(DeviceCalls calls) {
        List<StoredCall> open = new ArrayList<>(calls.calls().size());
        for (OpenCall c : calls.calls()) {
            open.add(toStored(c));
        }
        List<StoredEndingCall> ending = new ArrayList<>(calls.ending().size());
        for (DeviceCalls.EndingCall e : calls.ending()) {
            ending.add(StoredEndingCall.newBuilder().setCall(toStored(e.call())).setEndedAt(e.endedAt())
                    .setOutcome(e.outcome().name()).build());
        }
        DeviceCalls.RecentEnd end = calls.recentEnd();
        return StoredCalls.newBuilder()
                .setDeviceId(calls.deviceId())
                .setHook(HookState.valueOf(calls.hook().name()))
                .setPendingOffHookAt(calls.pendingOffHookAt())
                .setLastEventAt(calls.lastEventAt())
                .setCalls(open)
                .setRecentEnd(end == null ? null
                        : StoredRecentEnd.newBuilder().setCallId(end.callId()).setRemoteUser(end.remoteUser())
                                .setEndedAt(end.endedAt()).build())
                .setEnding(ending)
                .build();
    }

    private static StoredCall toStored(OpenCall c) {
        return StoredCall.newBuilder()
                    .setCallKey(c.callKey()).setCallId(c.callId()).setDirection(c.direction()).setStatus(c.status())
                    .setLine(c.line()).setLocalUser(c.localUser()).setLocalHost(c.localHost())
                    .setRemoteUser(c.remoteUser()).setRemoteHost(c.remoteHost()).setRemoteDisplayName(c.remoteDisplayName())
                    .setVendor(c.vendor()).setModel(c.model())
                    .setStartedAt(c.startedAt()).setRingingAt(c.ringingAt()).setAnsweredAt(c.answeredAt())
                    .setAnswerConfirmed(c.answerConfirmed()).setHoldStartedAt(c.holdStartedAt()).setHoldMillis(c.holdMillis())
                    .setEventCount(c.eventCount()).setLastEventAt(c.lastEventAt()).setLastEventType(c.lastEventType())
                    .setTransferTarget(c.transferTarget())
                    .build();
    }

    static DeviceCalls fromStored(StoredCalls stored) {
        List<OpenCall> open = new ArrayList<>(stored.getCalls().size());
        for (StoredCall c : stored.getCalls()) {
            open.add(fromStored(c));
        }
        List<DeviceCalls.EndingCall> ending = new ArrayList<>(stored.getEnding().size());
        for (StoredEndingCall e : stored.getEnding()) {
            ending.add(new DeviceCalls.EndingCall(fromStored(e.getCall()), e.getEndedAt(), CallOutcome.valueOf(e.getOutcome())));
        }
        StoredRecentEnd end = stored.getRecentEnd();
        return new DeviceCalls(stored.getDeviceId(), DeviceCalls.Hook.valueOf(stored.getHook().name()),
                stored.getPendingOffHookAt(), stored.getLastEventAt(), open,
                end == null ? null : new DeviceCalls.RecentEnd(end.getCallId(), end.getRemoteUser(), end.getEndedAt()),
                ending);
    }

    private static OpenCall fromStored(StoredCall c) {
        return new OpenCall(c.getCallKey(), c.getCallId(), c.getDirection(), c.getStatus(), c.getLine(),
                c.getLocalUser(), c.getLocalHost(), c.getRemoteUser(), c.getRemoteHost(), c.getRemoteDisplayName(),
                c.getVendor(), c.getModel(), c.getStartedAt(), c.getRingingAt(), c.getAnsweredAt(),
                c.getAnswerConfirmed(), c.getHoldStartedAt(), c.getHoldMillis(), c.getEventCount(), c.getLastEventAt(),
                c.getLastEventType(), c.getTransferTarget());
    }
}
