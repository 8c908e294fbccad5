package dev.hookline.bench;

import dev.hookline.gateway.publish.KafkaRawPublisher;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka producer alone, with the gateway's settings (KafkaRawPublisher.producerSettings)
 * and realistic raw-request records: how fast the broker here takes what the gateway sends.
 * Sends RECORDS once to warm up, then RECORDS again, measured. Prints one line: records, seconds,
 * records/s, p50 and p99 acknowledgement latency in ms.
 * Usage: ProducerAlone BOOTSTRAP TOPIC RECORDS
 */
public final class ProducerAlone {

    private ProducerAlone() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        int count = Integer.parseInt(args[2]);
        Map<String, Object> config = KafkaRawPublisher.producerSettings(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            send(producer, topic, count); // warm-up of the JIT, not reported
            System.out.println(send(producer, topic, count));
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    /** Sends {@code count} records as fast as the producer takes them; returns the result line. */
    private static String send(KafkaProducer<String, byte[]> producer, String topic, int count) {
        long[] latencies = new long[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String mac = String.format("805ec0%06x", i % 5000);
            byte[] value = Topics.PHONE_RAW.valueSerde().encode(topic, record(mac, i));
            long sentAt = System.nanoTime();
            int index = i;
            producer.send(new ProducerRecord<>(topic, mac, value), (metadata, error) -> {
                if (error != null) {
                    throw new IllegalStateException(error);
                }
                latencies[index] = System.nanoTime() - sentAt;
            });
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return String.format("records=%d seconds=%.2f rate=%.0f p50_ms=%.2f p99_ms=%.2f", count, seconds, count / seconds,
                latencies[count / 2] / 1e6, latencies[(int) (count * 0.99)] / 1e6);
    }

    static RawPhoneRequest record(String mac, int i) {
        return RawPhoneRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setReceivedAt(Instant.now())
                .setGatewayId("bench")
                .setDeviceId(mac)
                .setSourceAddress("127.0.0.1")
                .setSourcePort(40000 + i % 20000)
                .setMethod("GET")
                .setPath("/yealink/incoming_call")
                .setQuery("mac=" + mac + "&ip=10.1.2.3&model=SIP-T46S&firmware=66.86.0.15&local=sip:1001@pbx.example"
                        + "&remote=sip:2002@pbx.example&display_remote=Alice Example&call_id=" + i)
                .setUserAgent("Yealink SIP-T46S 66.86.0.15 80:5e:c0:a1:b2:c3")
                .setHeaders(Map.of("Host", "gateway:8080"))
                .build();
    }
}
