package dev.hookline.bench.liveview;

import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Yealink phones, one line each, written straight into phone.raw.v1 as the gateway would have
 * written their Action URL requests (no gateway: the live view, not ingestion, is measured).
 * Phone {@code i} has MAC {@code 805ec2} + i and line {@code 20000 + i}, so the tiles' order
 * (by line) is the phones' order and phone 0 is the first tile. Stamped with the wall clock.
 */
final class YealinkPhones implements AutoCloseable {

    private static final String USER_AGENT = "Yealink SIP-T46S 66.86.0.15";

    private final KafkaProducer<String, byte[]> producer;
    private final String topic = Topics.PHONE_RAW.name("");
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    YealinkPhones(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.CLIENT_ID_CONFIG, "bench-liveview"),
                new StringSerializer(), new ByteArraySerializer());
    }

    static String mac(int phone) {
        return String.format("805ec2%06x", phone);
    }

    /** Every phone's {@code registered} request, then waits until the broker has taken them all. */
    void registerAll(int phones) {
        for (int phone = 0; phone < phones; phone++) {
            send(phone, "registered", "");
        }
        producer.flush();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " registrations were refused by the broker");
        }
    }

    /** One call event ({@code incoming_call}, {@code call_established}, {@code call_terminated}) of a call from outside. */
    void callEvent(int phone, String event, long callId) {
        send(phone, event, "&remote=sip:0" + (600000000L + callId % 100000000L) + "@pbx&call_id=" + callId);
    }

    /** The phone's do-not-disturb switched on or off (the marker whose way to the page is timed). */
    void dnd(int phone, boolean on) {
        send(phone, on ? "dnd_on" : "dnd_off", "");
    }

    private void send(int phone, String event, String extra) {
        String mac = mac(phone);
        Instant now = Instant.now();
        RawPhoneRequest request = RawPhoneRequest.newBuilder()
                .setRequestId("lv-" + requests.incrementAndGet() + "-" + now.toEpochMilli())
                .setReceivedAt(now).setGatewayId("bench").setDeviceId(mac)
                .setSourceAddress("10.3." + (phone / 250 % 250) + "." + (phone % 250)).setSourcePort(0).setMethod("GET")
                .setPath("/yealink/" + event).setQuery("mac=" + mac + "&local=sip:" + (20000 + phone) + "@pbx" + extra)
                .setUserAgent(USER_AGENT)
                .build();
        producer.send(new ProducerRecord<>(topic, null, now.toEpochMilli(), mac, Topics.PHONE_RAW.valueSerde().encode(topic, request)),
                (metadata, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                    }
                });
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }

}
