package dev.hookline.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.Direction;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Call sessions for the tests of the analytics examples, written to a topic in either of the two
 * value formats a consumer reads without a schema registry.
 */
final class SessionValues {

    /** The value formats of call.sessions.v1 that need no registry. */
    enum Format {
        SINGLE_OBJECT, JSON;

        byte[] encode(String topic, CallSession session) {
            return this == SINGLE_OBJECT ? Topics.CALL_SESSIONS.valueSerde().encode(topic, session)
                    : json(session).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** One record on its way to the topic: its key and value bytes. */
    record Value(String key, byte[] bytes) {

        /** The session in the format, keyed by device id as the processor keys it. */
        static Value of(Format format, String topic, CallSession session) {
            return new Value(session.getDeviceId(), format.encode(topic, session));
        }

        /** Bytes that are no session of either format, or of a format no example reads. */
        static Value raw(byte[] bytes) {
            return new Value("805ec0000000", bytes);
        }
    }

    private SessionValues() {
    }

    /**
     * A finished call on a line ("1001@pbx.example"; its phone's id follows from the user). An
     * answered call has its ring time, answer and talk time; any other has none of them, nor a
     * display name or model, so nulls are written too.
     */
    static CallSession session(String id, String line, Direction direction, CallOutcome outcome, Instant startedAt,
            Long ringMillis) {
        String user = line.substring(0, line.indexOf('@'));
        boolean answered = ringMillis != null;
        Instant answeredAt = answered ? startedAt.plusMillis(ringMillis) : null;
        return CallSession.newBuilder()
                .setSessionId(id)
                .setDeviceId("805ec000" + user)
                .setLine(line)
                .setDirection(direction)
                .setLocalUser(user)
                .setLocalHost("pbx.example")
                .setRemoteUser("0301234567")
                .setRemoteHost("pbx.example")
                .setRemoteDisplayName(answered ? "Alice Example" : null)
                .setCallId(id + "@pbx.example")
                .setStartedAt(startedAt)
                .setRingingAt(direction == Direction.INBOUND ? startedAt : null)
                .setAnsweredAt(answeredAt)
                .setEndedAt(answered ? answeredAt.plusSeconds(60) : startedAt.plusSeconds(20))
                .setRingMillis(ringMillis)
                .setTalkMillis(answered ? 60_000L : null)
                .setHoldMillis(0L)
                .setOutcome(outcome)
                .setTransferTarget(outcome == CallOutcome.TRANSFERRED ? "3003@pbx.example" : null)
                .setEventCount(answered ? 4 : 2)
                .setVendor("yealink")
                .setModel(answered ? "SIP-T46U" : null)
                .build();
    }

    /** The session as the json format writes it (Hookline's own codec), and as the examples print it. */
    static String json(CallSession session) {
        return new String(new dev.hookline.schema.format.JsonCodec<>(CallSession.class).encode("t", session),
                StandardCharsets.UTF_8);
    }

    /** {@link #json} parsed back, so its numbers compare equal with those of a printed line. */
    static JsonNode jsonNode(CallSession session) throws JsonProcessingException {
        return AvroJson.MAPPER.readTree(json(session));
    }

    /** Writes the values to the topic in order. */
    static void write(KafkaBroker kafka, String topic, List<Value> values) throws Exception {
        try (var producer = new KafkaProducer<>(kafka.producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Value value : values) {
                producer.send(new ProducerRecord<>(topic, value.key().getBytes(StandardCharsets.UTF_8), value.bytes())).get();
            }
        }
    }
}
