package dev.hookline.dispatcher.poll;

import dev.hookline.schema.format.ValueCodec;
import dev.hookline.dispatcher.dispatch.ReplySink;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.driver.yealink.YealinkStatusReply;
import dev.hookline.dispatcher.http.PhoneReply;
import dev.hookline.dispatcher.kafka.Publisher;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.PollStatus;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the reply to a delivered POLL_STATUS into a POLL record on phone.raw.v1 (see
 * {@link PollRecords}), for the vendors whose replies can be read. Best effort: a record that
 * cannot be written is logged, the command's result stands.
 */
public final class PollPublisher implements ReplySink {

    private static final Logger LOG = LoggerFactory.getLogger(PollPublisher.class);
    /** Vendors whose status reply can be read (see {@link #read}). */
    static final Set<String> READABLE = Set.of("yealink");

    private final Publisher publisher;
    private final String topic;
    private final ValueCodec<RawPhoneRequest> values;
    private final String dispatcherId;
    private final Clock clock;

    public PollPublisher(Publisher publisher, String rawTopic, ValueCodec<RawPhoneRequest> values, String dispatcherId,
                         Clock clock) {
        this.publisher = publisher;
        this.topic = rawTopic;
        this.values = values;
        this.dispatcherId = dispatcherId;
        this.clock = clock;
    }

    /** Whether polling this vendor's phones yields a record. */
    public static boolean readable(String vendor) {
        return READABLE.contains(vendor);
    }

    @Override
    public void delivered(PhoneCommand command, PhoneTarget target, PhoneReply reply) {
        if (command.getAction() != CommandAction.POLL_STATUS) {
            return;
        }
        Optional<PollStatus> status = read(target, reply.body() == null ? "" : reply.body());
        if (status.isEmpty()) {
            LOG.debug("The poll {} of {} reported nothing readable", command.getCommandId(), target.deviceId());
            return;
        }
        RawPhoneRequest record = PollRecords.record(target, status.get(), command.getCommandId(), dispatcherId,
                clock.instant());
        publisher.send(new ProducerRecord<>(topic, target.deviceId(), values.encode(topic, record)))
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        LOG.warn("The poll {} of {} was not written to {}: {}", command.getCommandId(), target.deviceId(),
                                topic, error.toString());
                    }
                });
    }

    private static Optional<PollStatus> read(PhoneTarget target, String body) {
        if (target.vendor().equals("yealink")) {
            return YealinkStatusReply.parse(body).toPollStatus(target);
        }
        return Optional.empty();
    }
}
