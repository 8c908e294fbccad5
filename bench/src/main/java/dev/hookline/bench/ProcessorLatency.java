package dev.hookline.bench;

import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Latency through the processor at a fixed load: Yealink call flows are produced at RATE events/s
 * for SECONDS, each stamped with the wall clock as its receive time; a read_committed consumer of
 * call.sessions.v1 measures, per session, now minus the session's end (the receive time of the
 * call's last event). Sessions of the first {@link #WARM_UP_MILLIS} (JIT compilation, first
 * fetches) are not counted. Bounded: RATE x SECONDS events.
 */
final class ProcessorLatency {

    private static final String[] CALL = {"incoming_call", "call_established", "call_terminated"};
    static final long WARM_UP_MILLIS = 5_000;

    record Result(int sessions, long p50, long p99, long max) {
    }

    private ProcessorLatency() {
    }

    static Result run(String bootstrap, int partitions, int rate, int seconds) throws Exception {
        String prefix = "latency-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(Topics.ALL.stream().map(spec -> spec.newTopic(prefix, partitions, Optional.empty()))
                    .collect(Collectors.toList())).all().get();
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProcessorConfig.APPLICATION_ID, prefix + "hookline");
        settings.put(ProcessorConfig.TOPIC_PREFIX, prefix);
        settings.put(ProcessorConfig.QUERY_PORT, 0);
        settings.put("kafka.bootstrap.servers", bootstrap);
        settings.put("kafka.state.dir", Files.createTempDirectory("hookline-latency").toString());
        settings.put("kafka.replication.factor", "1");
        long[] latencies = new long[rate * seconds];
        int count = 0;
        try (StreamProcessorApp app = new StreamProcessorApp(new ProcessorConfig(settings)).start(Duration.ofSeconds(120));
             KafkaConsumer<String, CallSession> consumer = new KafkaConsumer<>(consumerProps(bootstrap),
                     new StringDeserializer(), Topics.CALL_SESSIONS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.CALL_SESSIONS.name(prefix)));
            AtomicBoolean producing = new AtomicBoolean(true);
            Thread producer = new Thread(() -> produce(bootstrap, Topics.PHONE_RAW.name(prefix), rate, seconds, producing),
                    "latency-producer");
            long countFrom = System.currentTimeMillis() + WARM_UP_MILLIS;
            producer.start();
            long quietUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < quietUntil) {
                for (ConsumerRecord<String, CallSession> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    if (count < latencies.length && record.value().getEndedAt().toEpochMilli() >= countFrom) {
                        latencies[count++] = now - record.value().getEndedAt().toEpochMilli();
                    }
                }
                if (!producing.get() && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.currentTimeMillis() + 5_000;
                }
            }
            producer.join();
            if (app.state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
                throw new IllegalStateException("the processor is " + app.state() + " after the run");
            }
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        if (count == 0) {
            throw new IllegalStateException("no session arrived");
        }
        return new Result(count, sorted[count / 2], sorted[(int) Math.min(count - 1, Math.ceil(count * 0.99) - 1)],
                sorted[count - 1]);
    }

    private static Map<String, Object> consumerProps(String bootstrap) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "latency-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    /** Paced in 10 ms ticks; each phone's call events follow each other in order. */
    private static void produce(String bootstrap, String topic, int rate, int seconds, AtomicBoolean producing) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 1);
        int total = rate * seconds;
        int perTick = Math.max(1, rate / 100);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                if (i % perTick == 0) {
                    long due = start + (long) i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                int call = i / CALL.length;
                String mac = String.format("805ec1%06x", call % 5000);
                Instant now = Instant.now();
                RawPhoneRequest request = RawPhoneRequest.newBuilder(ProducerAlone.record(mac, call))
                        .setReceivedAt(now).setRequestId("latency-" + i).setPath("/yealink/" + CALL[i % CALL.length])
                        .build();
                producer.send(new ProducerRecord<>(topic, null, now.toEpochMilli(), mac,
                        Topics.PHONE_RAW.valueSerde().encode(topic, request)));
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producing.set(false);
        }
    }
}
