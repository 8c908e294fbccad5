package dev.hookline.processor.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.processor.ProcessorConfig;
import dev.hookline.schema.Availability;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.Registration;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.ValueFormats;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The live feed's promise to a new listener: a {@code ready} event once its consumer follows the
 * topics, and from then on every change. (The live view loads its snapshot only after it; the
 * feed of an instance nobody watched yet takes a moment to find the topics' ends.)
 */
@WithKafka
class LiveFeedIT {

    private static final String MAC = "805ec0a1feed";

    @Test
    void aListenerShouldBeToldReadyAndThenGetEveryChange(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("live-feed", 2);
        ValueFormats formats = new ProcessorConfig(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers())).formats();
        BlockingQueue<LiveEvent> first = new LinkedBlockingQueue<>();
        BlockingQueue<LiveEvent> second = new LinkedBlockingQueue<>();
        try (LiveFeed feed = new LiveFeed(Map.of("bootstrap.servers", kafka.bootstrapServers()), prefix, formats, 50);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(),
                     new ByteArraySerializer())) {
            long start = System.nanoTime();
            feed.listen(first::add);
            assertThat(first.poll(30, TimeUnit.SECONDS)).as("the first event of a feed that was not running")
                    .isEqualTo(LiveEvent.READY);
            System.out.printf("LiveFeedIT: a feed not running yet was ready for its first listener after %d ms%n",
                    Duration.ofNanos(System.nanoTime() - start).toMillis());

            String topic = Topics.LINE_STATUS.name(prefix);
            LineStatus line = LineStatus.newBuilder().setDeviceId(MAC).setLine("1001@pbx")
                    .setRegistration(Registration.REGISTERED).setAvailability(Availability.DND)
                    .setSince(Instant.now()).setUpdatedAt(Instant.now()).build();
            producer.send(new ProducerRecord<>(topic, MAC, formats.codec(Topics.LINE_STATUS).encode(topic, line)))
                    .get(30, TimeUnit.SECONDS);
            LiveEvent change = first.poll(30, TimeUnit.SECONDS);
            assertThat(change).as("the change made right after ready").isNotNull();
            assertThat(change.type()).isEqualTo("line");
            assertThat(change.data().path("deviceId").asText()).isEqualTo(MAC);
            assertThat(change.data().path("availability").asText()).isEqualTo("DND");

            // A listener of the running feed is told too.
            feed.listen(second::add);
            assertThat(second.poll(30, TimeUnit.SECONDS)).isEqualTo(LiveEvent.READY);
        }
    }
}
