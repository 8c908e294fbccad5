package dev.hookline.gateway.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Producer settings for a Kafka that never answers: nothing listens at the address. */
final class SilentKafka {

    private SilentKafka() {
    }

    /** The producer waits {@code maxBlockMillis} for metadata, then fails each send. */
    static Map<String, Object> settings(int maxBlockMillis) {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMillis);
    }
}
