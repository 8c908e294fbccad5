package dev.hookline.dispatcher.dispatch;

import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import java.time.Instant;

/** Builds the one CommandResult of a command. */
final class CommandResults {

    private CommandResults() {
    }

    /**
     * @param latency from the command's requestedAt to now (0 if the requester's clock is ahead):
     *                what a caller waiting for the result experiences
     */
    static CommandResult of(PhoneCommand command, CommandStatus status, Integer httpStatus, int attempts, String detail,
                            Instant now) {
        long latency = Math.max(0, now.toEpochMilli() - command.getRequestedAt().toEpochMilli());
        return CommandResult.newBuilder()
                .setCommandId(command.getCommandId())
                .setDeviceId(command.getDeviceId())
                .setAction(command.getAction())
                .setStatus(status)
                .setHttpStatus(httpStatus)
                .setAttempts(attempts)
                .setDetail(detail)
                .setCompletedAt(now)
                .setLatencyMillis(latency)
                .build();
    }
}
