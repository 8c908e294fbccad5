package dev.hookline.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.gateway.spool.Spool;
import dev.hookline.gateway.spool.SpoolEntry;
import dev.hookline.gateway.spool.SpoolOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolingPublisherTest {

    @TempDir
    Path dir;

    /**
     * Kafka that never answers (nothing listens at the address; the producer would wait 1 s for
     * metadata before failing the send): each request must reach the spool once the Kafka
     * time-out passes, long before the producer itself gives up.
     */
    @Test
    void shouldSpoolRequestsKafkaDoesNotAcknowledgeInTime() throws Exception {
        Map<String, Object> kafka = SilentKafka.settings(1000);
        Spool spool = Spool.open(dir, SpoolOptions.defaults());
        try (SpoolingPublisher publisher = new SpoolingPublisher(new KafkaRawPublisher(kafka, "phone.raw.v1", 100),
                spool, Duration.ofMillis(100))) {
            List<CompletableFuture<Void>> stored = List.of(
                    publisher.publish("805ec0000001", bytes("first")),
                    publisher.publish("805ec0000002", bytes("second")),
                    publisher.publish("805ec0000001", bytes("third")));

            // Well before the producer's own 1 s: only the time-out can have spooled them by then.
            CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(700, TimeUnit.MILLISECONDS);

            assertThat(publisher.spooledTotal()).isEqualTo(3);
            assertThat(publisher.spoolDepth()).isEqualTo(3);
            List<SpoolEntry> spooled = spool.peek(10);
            assertThat(spooled).extracting(entry -> new String(entry.value(), StandardCharsets.UTF_8))
                    .containsExactly("first", "second", "third");
            // Later requests go straight to the spool while it holds anything: per-phone order stays.
            publisher.publish("805ec0000001", bytes("fourth")).get(2, TimeUnit.SECONDS);
            assertThat(publisher.spooledTotal()).isEqualTo(4);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
