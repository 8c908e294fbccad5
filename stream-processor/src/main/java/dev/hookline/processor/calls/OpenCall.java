package dev.hookline.processor.calls;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hookline.schema.CallStatus;
import dev.hookline.schema.Direction;

/**
 * One call in progress on one phone (immutable). Times are epoch milliseconds.
 *
 * @param callKey           key of the call on this device (the phone's call id when it gave one)
 * @param answerConfirmed   true once ESTABLISHED was seen; an answer taken from OFF_HOOK or
 *                          ANSWER_NEW_INCOMING_CALL is provisional and replaced by ESTABLISHED
 * @param holdStartedAt     start of the current local hold, null when not on hold
 * @param holdMillis        accumulated completed hold time
 * @param lastEventType     canonical type of the last event counted for this call (duplicate check)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenCall(
        String callKey,
        String callId,
        Direction direction,
        CallStatus status,
        String line,
        String localUser,
        String localHost,
        String remoteUser,
        String remoteHost,
        String remoteDisplayName,
        String vendor,
        String model,
        long startedAt,
        Long ringingAt,
        Long answeredAt,
        boolean answerConfirmed,
        Long holdStartedAt,
        long holdMillis,
        int eventCount,
        long lastEventAt,
        String lastEventType,
        String transferTarget) {
}
