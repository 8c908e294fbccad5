package dev.hookline.processor.live;

import dev.hookline.schema.CommandAction;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.ValueCodec;
import dev.hookline.schema.format.ValueFormats;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the live view's commands to phone.commands.v1, for the dispatcher to carry out; the
 * result comes back on phone.command-results.v1 (and so through the live feed). Opened on the
 * first command.
 */
public final class CommandSender implements AutoCloseable {

    /** The actions the live view offers. */
    public static final java.util.Set<CommandAction> ACTIONS =
            java.util.EnumSet.of(CommandAction.DIAL, CommandAction.HANGUP, CommandAction.DND_ON, CommandAction.DND_OFF);
    private static final Duration EXPIRY = Duration.ofSeconds(60);

    private final Map<String, Object> producerSettings;
    private final String topic;
    private final ValueCodec<PhoneCommand> values;
    private final Clock clock;
    private KafkaProducer<String, byte[]> producer;

    public CommandSender(Map<String, Object> producerSettings, String prefix, ValueFormats formats, Clock clock) {
        this.producerSettings = producerSettings;
        this.topic = Topics.PHONE_COMMANDS.name(prefix);
        this.values = formats.codec(Topics.PHONE_COMMANDS);
        this.clock = clock;
    }

    /**
     * The command as the live view sends it; refuses what the dispatcher would refuse anyway.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public PhoneCommand command(String deviceId, String action, String number, String account, String requestedBy) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("deviceId is missing");
        }
        CommandAction chosen;
        try {
            chosen = CommandAction.valueOf(action == null ? "" : action.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            chosen = null;
        }
        if (chosen == null || !ACTIONS.contains(chosen)) {
            throw new IllegalArgumentException("action must be one of " + ACTIONS);
        }
        if (chosen == CommandAction.DIAL && (number == null || !number.matches("[0-9*#+]{1,32}"))) {
            throw new IllegalArgumentException("DIAL needs a number (digits, * # +, at most 32)");
        }
        return PhoneCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setDeviceId(deviceId.trim())
                .setAction(chosen)
                .setNumber(chosen == CommandAction.DIAL ? number : null)
                .setAccount(account == null || account.isBlank() ? null : account.trim())
                .setRequestedAt(clock.instant())
                .setExpiresAt(clock.instant().plus(EXPIRY))
                .setRequestedBy(requestedBy)
                .build();
    }

    /** Completes once Kafka has the command. */
    public synchronized CompletableFuture<PhoneCommand> send(PhoneCommand command) {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(producerSettings);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "hookline-live-commands");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        CompletableFuture<PhoneCommand> sent = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, command.getDeviceId(), values.encode(topic, command)), (metadata, error) -> {
            if (error != null) {
                sent.completeExceptionally(error);
            } else {
                sent.complete(command);
            }
        });
        return sent;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
