package dev.hookline.dispatcher;

import dev.hookline.schema.CommandAction;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.SchemaTrust;
import java.time.Instant;

/** Commands for tests. */
public final class Commands {

    static {
        SchemaTrust.install();
    }

    private Commands() {
    }

    public static PhoneCommand dial(String commandId, String deviceId, String number, Instant requestedAt) {
        return PhoneCommand.newBuilder()
                .setCommandId(commandId)
                .setDeviceId(deviceId)
                .setAction(CommandAction.DIAL)
                .setNumber(number)
                .setRequestedAt(requestedAt)
                .setRequestedBy("test")
                .build();
    }

    public static PhoneCommand action(String commandId, String deviceId, CommandAction action, Instant requestedAt) {
        return PhoneCommand.newBuilder()
                .setCommandId(commandId)
                .setDeviceId(deviceId)
                .setAction(action)
                .setRequestedAt(requestedAt)
                .build();
    }

    public static PhoneCommand expiring(PhoneCommand command, Instant expiresAt) {
        return PhoneCommand.newBuilder(command).setExpiresAt(expiresAt).build();
    }
}
