package dev.hookline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.EventType;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code vendors.dir} setting: a user's descriptors add vendors to the processor, and a broken one stops it. */
class VendorFolderTest {

    private static final String MAC = "a1b2c3000001";
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    @TempDir
    Path dir;

    @BeforeAll
    static void trust() {
        SchemaTrust.install();
    }

    @Test
    void shouldRecogniseAndReadAVendorAddedInTheUserFolder() throws IOException {
        Files.writeString(dir.resolve("acme.json"), """
            {"vendor": "acme", "title": "Acme desk phones",
             "evidence": [{"level": "assumed", "about": "everything", "source": "this test"}],
             "recognize": {"userAgentContains": ["acmephone"]},
             "reading": {"eventParameters": ["ev"],
                         "events": {"INCOMING_CALL": ["ring-ring"], "FORWARD_INCOMING_CALL": ["passed-on"]},
                         "fields": {"remote": ["caller"], "callId": ["ref"], "transferTarget": ["goes_to"]}}}
            """);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vendor-folder");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectory(dir.resolve("state")).toString());
        ProcessorConfig config = new ProcessorConfig(Map.of(ProcessorConfig.VENDOR_DIR, dir.toString(),
                ProcessorConfig.REORDER_WINDOW_MS, "0"));
        try (TopologyTestDriver driver = new TopologyTestDriver(ProcessorTopology.build(config), props, T0)) {
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.PHONE_RAW.name(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            var events = driver.createOutputTopic(Topics.PHONE_EVENTS.name(), Serdes.String().deserializer(),
                    Topics.PHONE_EVENTS.valueSerde().deserializer());
            var sessions = driver.createOutputTopic(Topics.CALL_SESSIONS.name(), Serdes.String().deserializer(),
                    Topics.CALL_SESSIONS.valueSerde().deserializer());
            send(raw, "r1", "ev=ring-ring&caller=sip:2002@pbx&ref=c7", T0);
            send(raw, "r2", "ev=passed-on&caller=sip:2002@pbx&ref=c7&goes_to=1099", T0.plusSeconds(3));

            assertThat(events.readValuesToList()).extracting(PhoneEvent::getVendor, PhoneEvent::getType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("acme", EventType.INCOMING_CALL),
                            org.assertj.core.groups.Tuple.tuple("acme", EventType.FORWARD_INCOMING_CALL));
            assertThat(sessions.readValuesToList()).singleElement().satisfies(s -> {
                assertThat(s.getVendor()).isEqualTo("acme");
                assertThat(s.getRemoteUser()).isEqualTo("2002");
                assertThat(s.getOutcome()).isEqualTo(CallOutcome.FORWARDED);
                assertThat(s.getTransferTarget()).isEqualTo("1099");
            });
        }
    }

    @Test
    void shouldNotStartWithAnInvalidDescriptorNamingTheFileAndTheKey() throws IOException {
        Path file = Files.writeString(dir.resolve("acme.json"), """
            {"vendor": "acme", "title": "Acme desk phones",
             "evidence": [{"level": "assumed", "about": "everything", "source": "this test"}],
             "recognize": {"userAgentContains": ["acmephone"]},
             "reading": {"fields": {"remote": ["caller"], "farEnd": ["peer"]}}}
            """);
        ProcessorConfig config = new ProcessorConfig(Map.of(ProcessorConfig.VENDOR_DIR, dir.toString(),
                ProcessorConfig.QUERY_PORT, "0", "kafka.bootstrap.servers", "localhost:1"));
        try (StreamProcessorApp app = new StreamProcessorApp(config)) {
            assertThatThrownBy(() -> app.start(Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("reading.fields")
                    .hasMessageContaining("farEnd");
            assertThat(app.state()).as("Kafka Streams was never created").hasToString("CREATED");
        }
    }

    private static void send(TestInputTopic<String, byte[]> raw, String requestId, String query, Instant at) {
        RawPhoneRequest request = RawPhoneRequest.newBuilder()
                .setRequestId(requestId).setReceivedAt(at).setGatewayId("test").setDeviceId(MAC)
                .setSourceAddress("10.1.2.3").setSourcePort(0).setMethod("GET")
                .setPath("/notify").setQuery(query).setUserAgent("AcmePhone A1 1.2.3")
                .build();
        raw.pipeInput(MAC, Topics.PHONE_RAW.valueSerde().encode("t", request), at);
    }
}
