package dev.hookline.dispatcher.poll;

import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.PollStatus;
import dev.hookline.schema.RawPhoneRequest;
import java.time.Instant;
import java.util.Map;

/**
 * A phone's answer to a status poll, as the record the dispatcher publishes to phone.raw.v1
 * (source POLL, {@link PollStatus} form), so the processor reconciles line and device state from
 * notifications and polls together. Each vendor's reply is read in its driver's package
 * ({@code YealinkStatusReply.toPollStatus}).
 */
public final class PollRecords {

    private PollRecords() {
    }

    /** The raw record of a poll; {@code requestId} ties it to the command or schedule that made it. */
    public static RawPhoneRequest record(PhoneTarget target, PollStatus status, String requestId, String dispatcherId,
                                         Instant at) {
        return RawPhoneRequest.newBuilder()
                .setRequestId(requestId)
                .setReceivedAt(at)
                .setGatewayId(dispatcherId)
                .setDeviceId(target.deviceId())
                .setSourceAddress(target.address())
                .setSourcePort(target.port())
                .setMethod("GET")
                .setPath(PollStatus.PATH)
                .setQuery(status.toQuery())
                .setHeaders(Map.of())
                .setSource(EventSource.POLL)
                .build();
    }
}
