package dev.hookline.dispatcher.poll;

import dev.hookline.schema.format.ValueCodec;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.kafka.Publisher;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.Topics;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic status poll: every interval, a POLL_STATUS command on phone.commands.v1 for each
 * known phone whose replies can be read. Going through the commands topic keeps polls in order
 * with the phone's other commands, under its rate limit, and gives each poll a result (an
 * UNREACHABLE poll says the phone is gone). Each instance polls only the devices whose
 * commands partition it owns, so a group of dispatchers polls each phone once.
 */
public final class StatusPoller {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPoller.class);
    public static final String REQUESTED_BY = "hookline-dispatcher/poll";

    private final Supplier<Collection<PhoneTarget>> phones;
    private final Predicate<String> ownsDevice;
    private final Publisher publisher;
    private final String topic;
    private final ValueCodec<PhoneCommand> values;
    private final Duration interval;
    private final Clock clock;

    /**
     * @param phones     the known phones
     * @param ownsDevice whether this instance consumes the device's commands partition
     */
    public StatusPoller(Supplier<Collection<PhoneTarget>> phones, Predicate<String> ownsDevice, Publisher publisher,
                        String commandsTopic, ValueCodec<PhoneCommand> values, Duration interval, Clock clock) {
        this.phones = phones;
        this.ownsDevice = ownsDevice;
        this.publisher = publisher;
        this.topic = commandsTopic;
        this.values = values;
        this.interval = interval;
        this.clock = clock;
    }

    /** Polls every interval from now on, on a Vert.x timer. */
    public void start(Vertx vertx) {
        vertx.setPeriodic(interval.toMillis(), interval.toMillis(), id -> pollOnce());
    }

    /** Publishes one round of polls; returns how many. */
    public int pollOnce() {
        Instant now = clock.instant();
        // A poll still waiting when the next round starts is stale: the next one replaces it.
        Instant expires = now.plus(interval);
        int polls = 0;
        for (PhoneTarget phone : phones.get()) {
            if (!PollPublisher.readable(phone.vendor()) || !ownsDevice.test(phone.deviceId())) {
                continue;
            }
            PhoneCommand poll = PhoneCommand.newBuilder()
                    .setCommandId("poll-" + phone.deviceId() + "-" + now.toEpochMilli())
                    .setDeviceId(phone.deviceId())
                    .setAction(CommandAction.POLL_STATUS)
                    .setRequestedAt(now)
                    .setExpiresAt(expires)
                    .setRequestedBy(REQUESTED_BY)
                    .build();
            publisher.send(new ProducerRecord<>(topic, phone.deviceId(), values.encode(topic, poll)))
                    .whenComplete((ignored, error) -> {
                        if (error != null) {
                            LOG.warn("A status poll for {} was not published: {}", phone.deviceId(), error.toString());
                        }
                    });
            polls++;
        }
        LOG.debug("Published {} status polls", polls);
        return polls;
    }
}
