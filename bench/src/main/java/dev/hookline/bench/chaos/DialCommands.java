package dev.hookline.bench.chaos;

import dev.hookline.deploy.HooklineException;
import dev.hookline.deploy.kafka.CommandClient;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.PhoneCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A DIAL command to a random phone every {@code pause}, from a background thread, each with a
 * command id and a number of its own (the phone places a call to it, so every command also shows
 * as a session). Remembers the commands Kafka acknowledged: each must get exactly one result.
 */
final class DialCommands implements AutoCloseable {

    private final Set<String> sent = new ConcurrentSkipListSet<>();
    private final Set<String> unconfirmed = new ConcurrentSkipListSet<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    DialCommands(String bootstrap, List<String> deviceIds, Duration pause, long seed) {
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrap);
        Random random = new Random(seed);
        thread = new Thread(() -> {
            try (CommandClient commands = new CommandClient(client, "")) {
                for (int n = 1; !stop.get(); n++) {
                    PhoneCommand command = PhoneCommand.newBuilder().setCommandId("chaos-" + seed + "-" + n)
                            .setDeviceId(deviceIds.get(random.nextInt(deviceIds.size()))).setAction(CommandAction.DIAL)
                            .setNumber(String.format("0880%06d", n)).setRequestedAt(Instant.now())
                            .setRequestedBy("bench/chaos.sh").build();
                    try {
                        commands.send(command);
                        sent.add(command.getCommandId());
                    } catch (HooklineException e) {
                        // Not acknowledged in time: Kafka may have it or not, so it may get a result or not.
                        unconfirmed.add(command.getCommandId());
                    }
                    Thread.sleep(pause.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dial-commands");
        thread.setDaemon(true);
        thread.start();
    }

    Set<String> sent() {
        return Set.copyOf(sent);
    }

    Set<String> unconfirmed() {
        return Set.copyOf(unconfirmed);
    }

    /** Sends no more; returns once the last send is acknowledged or given up. */
    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
