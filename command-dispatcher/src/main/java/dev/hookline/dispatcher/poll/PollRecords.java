package dev.hookline.dispatcher.poll;

import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.driver.yealink.YealinkStatusReply;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.PollStatus;
import dev.hookline.schema.RawPhoneRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A phone's answer to a status poll, as the record the dispatcher publishes to phone.raw.v1
 * (source POLL, {@link PollStatus} form), so the processor reconciles line and device state from
 * notifications and polls together. Vendors whose phones answer a poll have a method here.
 */
public final class PollRecords {

    private PollRecords() {
    }

    /**
     * A Yealink {@code phonecfg=get} reply. An enabled account with a SIP identity counts as
     * registered and a disabled one as not: the reply has no registration field of its own
     * (vendors.md §1.2, [UNCONFIRMED ON HARDWARE]), and "Enabled" is the nearest it says.
     */
    public static Optional<PollStatus> fromYealink(PhoneTarget target, YealinkStatusReply reply) {
        List<String> registered = new ArrayList<>();
        List<String> unregistered = new ArrayList<>();
        for (YealinkStatusReply.Account account : reply.accounts()) {
            String line = account.sipUri();
            if (line == null || line.isBlank()) {
                continue;
            }
            (account.enabled() ? registered : unregistered).add(line);
        }
        PollStatus status = new PollStatus("yealink", target.model(), reply.firmware().orElse(null), target.address(),
                reply.dnd().orElse(null),
                reply.forwardAlways().map(YealinkStatusReply.Forward::on).orElse(null),
                reply.forwardBusy().map(YealinkStatusReply.Forward::on).orElse(null),
                reply.forwardNoAnswer().map(YealinkStatusReply.Forward::on).orElse(null),
                registered, unregistered);
        return status.reportsState() ? Optional.of(status) : Optional.empty();
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
