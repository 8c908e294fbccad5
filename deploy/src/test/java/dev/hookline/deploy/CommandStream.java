package dev.hookline.deploy;

import dev.hookline.deploy.kafka.CommandClient;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.testkit.sim.PhoneIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * DIAL commands to random phones of a fleet from a background thread, one every {@code pause}:
 * each with a command id and a number of its own (the phone places a call to it). Remembers the
 * commands Kafka acknowledged, which must each get exactly one result.
 */
final class CommandStream implements AutoCloseable {

    private final Set<String> sent = new ConcurrentSkipListSet<>();
    private final Set<String> unconfirmed = new ConcurrentSkipListSet<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    CommandStream(String bootstrap, List<PhoneIdentity> phones, Duration pause, long seed) {
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrap);
        Random random = new Random(seed);
        thread = new Thread(() -> {
            try (CommandClient commands = new CommandClient(client, "")) {
                for (int n = 1; !stop.get(); n++) {
                    PhoneIdentity phone = phones.get(random.nextInt(phones.size()));
                    PhoneCommand command = PhoneCommand.newBuilder().setCommandId("faults-" + seed + "-" + n)
                            .setDeviceId(phone.deviceId()).setAction(CommandAction.DIAL)
                            .setNumber(String.format("0880%06d", n)).setRequestedAt(Instant.now())
                            .setRequestedBy("CommandStream").build();
                    try {
                        commands.send(command);
                        sent.add(command.getCommandId());
                    } catch (HooklineException e) {
                        // Kafka may still have it: such a command may get a result, need not.
                        unconfirmed.add(command.getCommandId());
                    }
                    Thread.sleep(pause.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "command-stream");
        thread.start();
    }

    /** Command ids Kafka acknowledged. */
    Set<String> sent() {
        return Set.copyOf(sent);
    }

    /** Command ids whose send failed. */
    Set<String> unconfirmed() {
        return Set.copyOf(unconfirmed);
    }

    void stop() {
        stop.set(true);
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
