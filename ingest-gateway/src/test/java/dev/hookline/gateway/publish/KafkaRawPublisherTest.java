package dev.hookline.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KafkaRawPublisherTest {

    /**
     * An event loop that reads more requests in one iteration than the send queue has room for:
     * those that fit wait for Kafka, the rest fail at once (the phone gets 503, not a long wait).
     */
    @Test
    void shouldAdmitWhatFitsInTheSendQueueAndFailTheRestAtOnce() throws Exception {
        Map<String, Object> kafka = SilentKafka.settings(3000);
        Vertx vertx = Vertx.vertx();
        try (KafkaRawPublisher publisher = new KafkaRawPublisher(kafka, "phone.raw.v1", 5)) {
            List<CompletableFuture<Void>> stored = new ArrayList<>();
            CountDownLatch published = new CountDownLatch(1);
            vertx.runOnContext(ignored -> {
                for (int i = 0; i < 8; i++) {
                    stored.add(publisher.publish("805ec000000" + i, new byte[] {(byte) i}));
                }
                published.countDown();
            });
            assertThat(published.await(5, TimeUnit.SECONDS)).isTrue();
            // The batch leaves after the loop's iteration; the three that do not fit fail right then.
            CompletableFuture.allOf(stored.subList(5, 8).toArray(CompletableFuture[]::new))
                    .handle((ok, error) -> null).get(500, TimeUnit.MILLISECONDS);

            for (CompletableFuture<Void> rejected : stored.subList(5, 8)) {
                assertThat(rejected).isCompletedExceptionally();
                assertThat(causeOf(rejected)).isInstanceOf(RejectedExecutionException.class)
                        .hasMessageContaining("queue is full");
            }
            // The five admitted wait for Kafka (the producer waits 3 s for metadata that never comes).
            assertThat(stored.subList(0, 5)).allSatisfy(admitted -> assertThat(admitted).isNotDone());
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The spool's replay batch: when the producer refuses an entry (here: no metadata within its
     * max.block.ms), nothing after it is sent, so no later request of a phone can reach Kafka
     * ahead of one that did not.
     */
    @Test
    void shouldSendNothingOfAnOrderedBatchAfterAnEntryTheProducerRefused() throws Exception {
        Map<String, Object> kafka = SilentKafka.settings(200);
        try (KafkaRawPublisher publisher = new KafkaRawPublisher(kafka, "phone.raw.v1", 5)) {
            List<CompletableFuture<Void>> stored = publisher.publishInOrder(List.of(
                    Map.entry("805ec0000001", new byte[] {1}),
                    Map.entry("805ec0000001", new byte[] {2}),
                    Map.entry("805ec0000002", new byte[] {3})));

            CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).handle((ok, error) -> null)
                    .get(30, TimeUnit.SECONDS);
            assertThat(causeOf(stored.get(0))).isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            for (CompletableFuture<Void> later : stored.subList(1, 3)) {
                assertThat(causeOf(later)).isInstanceOf(RejectedExecutionException.class)
                        .hasMessageContaining("an earlier entry of its batch failed");
            }
        }
    }

    /** What keeps a phone's requests durable and in order cannot be weakened by a user's kafka.* settings. */
    @Test
    void shouldKeepTheOrderingSettingsWhateverTheUserSets() {
        Map<String, Object> settings = KafkaRawPublisher.producerSettings(Map.of(
                "acks", "1", "enable.idempotence", false, "max.in.flight.requests.per.connection", 5,
                "delivery.timeout.ms", 30_000, "linger.ms", 7));

        assertThat(settings).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("max.in.flight.requests.per.connection", 1)
                .containsEntry("delivery.timeout.ms", Integer.MAX_VALUE)
                .as("other settings are the user's").containsEntry("linger.ms", 7);
    }

    private static Throwable causeOf(CompletableFuture<Void> future) throws InterruptedException {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
