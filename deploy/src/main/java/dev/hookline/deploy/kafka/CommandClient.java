package dev.hookline.deploy.kafka;

import dev.hookline.schema.format.ValueFormats;
import dev.hookline.deploy.HooklineException;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a command to phone.commands.v1 and reads its result from phone.command-results.v1:
 * the results topic is positioned at its end before the command goes out, so the result cannot
 * be missed, and only committed results are read.
 */
public final class CommandClient implements AutoCloseable {

    private final Properties client;
    private final String commandsTopic;
    private final String resultsTopic;
    private final KafkaProducer<String, PhoneCommand> producer;
    private final ValueFormats formats;

    public CommandClient(Properties client, String topicPrefix) {
        this(client, topicPrefix, ValueFormats.singleObject());
    }

    /** @param formats the format commands are written in, and the registry to read results with, if any */
    public CommandClient(Properties client, String topicPrefix, ValueFormats formats) {
        this.client = client;
        this.formats = formats;
        this.commandsTopic = Topics.PHONE_COMMANDS.name(topicPrefix);
        this.resultsTopic = Topics.PHONE_COMMAND_RESULTS.name(topicPrefix);
        Properties props = new Properties();
        props.putAll(client);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), formats.codec(Topics.PHONE_COMMANDS).serializer());
    }

    /** Publishes the command and waits until Kafka has it. */
    public void send(PhoneCommand command) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(commandsTopic, command.getDeviceId(), command)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new HooklineException("cannot publish the command to " + commandsTopic + ": " + cause.getMessage(), cause);
        }
    }

    /** Publishes the command, then waits up to {@code timeout} for its result. */
    public Optional<CommandResult> sendAndAwait(PhoneCommand command, Duration timeout) throws InterruptedException {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, CommandResult> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                formats.codec(Topics.PHONE_COMMAND_RESULTS).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(resultsTopic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(resultsTopic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new HooklineException("topic " + resultsTopic + " does not exist; create the topics first (hookline topics create)");
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            send(command);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CommandResult> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && command.getCommandId().equals(record.value().getCommandId())) {
                        return Optional.of(record.value());
                    }
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
