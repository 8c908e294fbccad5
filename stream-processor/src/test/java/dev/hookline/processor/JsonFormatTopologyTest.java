package dev.hookline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.FormatConfig;
import dev.hookline.schema.format.ValueCodec;
import dev.hookline.schema.format.ValueFormat;
import dev.hookline.schema.format.ValueFormats;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The processor with {@code value.format=json}: it writes every output topic as JSON, and reads
 * phone.raw.v1 whatever format each record is in (a gateway switched format, or not yet).
 */
class JsonFormatTopologyTest {

    private static final String MAC = "805ec0a1b2c3";
    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteJsonAndReadRawRequestsOfEitherFormat() throws Exception {
        SchemaTrust.install();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "json-topology");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("json-topology").toString());
        ProcessorConfig config = new ProcessorConfig(Map.of(FormatConfig.VALUE_FORMAT, "json"));
        try (TopologyTestDriver driver = new TopologyTestDriver(ProcessorTopology.build(config), props, T0)) {
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.PHONE_RAW.name(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            ValueCodec<RawPhoneRequest> json = ValueFormats.of(ValueFormat.JSON, Optional.empty()).codec(Topics.PHONE_RAW);
            ValueCodec<RawPhoneRequest> avro = ValueFormats.singleObject().codec(Topics.PHONE_RAW);
            // The call's first request from an older gateway (single-object), the rest in json.
            raw.pipeInput(MAC, avro.encode("t", request(1, "incoming_call", T0)), T0);
            raw.pipeInput(MAC, json.encode("t", request(2, "call_established", T0.plusSeconds(3))), T0.plusSeconds(3));
            raw.pipeInput(MAC, json.encode("t", request(3, "call_terminated", T0.plusSeconds(30))), T0.plusSeconds(30));

            List<byte[]> sessions = driver.createOutputTopic(Topics.CALL_SESSIONS.name(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer()).readValuesToList();
            List<byte[]> events = driver.createOutputTopic(Topics.PHONE_EVENTS.name(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer()).readValuesToList();
            List<byte[]> dlq = driver.createOutputTopic(Topics.PHONE_EVENTS_DLQ.name(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer()).readValuesToList();

            assertThat(dlq).isEmpty();
            assertThat(events).hasSize(3).allSatisfy(value -> assertThat(value[0]).isEqualTo((byte) '{'));
            assertThat(sessions).hasSize(1);
            JsonNode session = JSON.readTree(sessions.get(0));
            assertThat(session.get("outcome").asText()).isEqualTo("ANSWERED");
            assertThat(session.get("startedAt").asText()).isEqualTo(T0.toString());
            assertThat(session.get("talkMillis").asLong()).isEqualTo(27_000L);
            CallSession decoded = ValueFormats.singleObject().codec(Topics.CALL_SESSIONS).decode("t", sessions.get(0));
            assertThat(decoded.getDeviceId()).isEqualTo(MAC);
        }
    }

    private static RawPhoneRequest request(int n, String event, Instant at) {
        return RawPhoneRequest.newBuilder()
                .setRequestId("r-" + n).setReceivedAt(at).setGatewayId("test").setDeviceId(MAC)
                .setSourceAddress("10.1.2.3").setSourcePort(0).setMethod("GET")
                .setPath("/yealink/" + event).setQuery("mac=" + MAC + "&remote=sip:2002@pbx&call_id=7")
                .setUserAgent("Yealink SIP-T46S 66.86.0.15 80:5e:c0:a1:b2:c3")
                .build();
    }
}
