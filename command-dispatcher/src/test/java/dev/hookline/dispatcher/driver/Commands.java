package dev.hookline.dispatcher.driver;

import dev.hookline.schema.CommandAction;
import dev.hookline.schema.PhoneCommand;
import java.time.Instant;
import java.util.Optional;

/** Commands and targets for driver tests. */
public final class Commands {

    public static final PhoneTarget TARGET = new PhoneTarget("805ec0a1b2c3", "yealink", "T46S", "127.0.0.2", 80);
    public static final Credentials LOGIN = new Credentials("admin", "s3cret&x");
    public static final Optional<Credentials> WITH_LOGIN = Optional.of(LOGIN);

    private Commands() {
    }

    public static PhoneCommand command(CommandAction action) {
        return command(action, null, null, null);
    }

    public static PhoneCommand dial(String number) {
        return command(CommandAction.DIAL, number, null, null);
    }

    public static PhoneCommand dial(String number, String account) {
        return command(CommandAction.DIAL, number, account, null);
    }

    public static PhoneCommand transfer(String number) {
        return command(CommandAction.TRANSFER, number, null, null);
    }

    public static PhoneCommand keys(String keys) {
        return command(CommandAction.SEND_KEYS, null, null, keys);
    }

    public static PhoneCommand command(CommandAction action, String number, String account, String keys) {
        return PhoneCommand.newBuilder()
                .setCommandId("cmd-1")
                .setDeviceId(TARGET.deviceId())
                .setAction(action)
                .setNumber(number)
                .setAccount(account)
                .setKeys(keys)
                .setRequestedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build();
    }

    /** The request of a {@link Translation.Send}; fails the test on anything else. */
    public static PhoneHttpRequest sent(Translation translation) {
        if (translation instanceof Translation.Send send) {
            return send.request();
        }
        throw new AssertionError("expected a request to send, got " + translation);
    }
}
