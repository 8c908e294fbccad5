package dev.hookline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Call time-outs follow the events' own time while they flow, the wall clock once they stop. */
class TimeoutClockTest {

    private static final Instant HOURS_AGO = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant WALL = HOURS_AGO.plus(Duration.ofHours(15));

    @BeforeAll
    static void trust() {
        SchemaTrust.install();
    }

    private static final ProcessorConfig CONFIG = new ProcessorConfig(Map.of(ProcessorConfig.PUNCTUATE_INTERVAL_MS, 1000L));

    /** The whole topology, its wall clock starting 15 h after the events' times. */
    private static TopologyTestDriver driver() throws java.io.IOException {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "timeout-clock");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("timeout-clock").toString());
        return new TopologyTestDriver(ProcessorTopology.build(CONFIG), props, WALL);
    }

    private static RawPhoneRequest yealink(String event, Instant at, int n) {
        return RawPhoneRequest.newBuilder()
                .setRequestId("t-" + n).setReceivedAt(at).setGatewayId("test").setDeviceId("805ec0a1b2c3")
                .setSourceAddress("10.1.2.3").setSourcePort(0).setMethod("GET")
                .setPath("/yealink/" + event)
                .setQuery("mac=805ec0a1b2c3&local=sip:1001@pbx.example&remote=sip:2002@pbx.example&call_id=7")
                .setUserAgent("Yealink SIP-T46S 66.86.0.15 80:5e:c0:a1:b2:c3")
                .build();
    }

    @Test
    void shouldNotCloseACallOfAnOldBacklogWhileItsEventsStillFlow() throws Exception {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.PHONE_RAW.name(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            TestOutputTopic<String, CallSession> sessions = driver.createOutputTopic(Topics.CALL_SESSIONS.name(),
                    Serdes.String().deserializer(), Topics.CALL_SESSIONS.valueSerde().deserializer());
            List<String> flow = List.of("incoming_call", "call_established", "call_terminated");
            for (int i = 0; i < flow.size(); i++) {
                Instant at = HOURS_AGO.plusSeconds(30L * i);
                raw.pipeInput("805ec0a1b2c3", Topics.PHONE_RAW.valueSerde().encode("t", yealink(flow.get(i), at, i)), at);
                // Punctuations between the events: the wall clock is 15 h past them, stream time is not.
                driver.advanceWallClockTime(Duration.ofSeconds(2));
            }

            List<CallSession> ended = sessions.readValuesToList();
            assertThat(ended).singleElement().satisfies(session -> {
                assertThat(session.getOutcome()).isEqualTo(CallOutcome.ANSWERED);
                assertThat(session.getTalkMillis()).isEqualTo(30_000L);
            });
        }
    }

    @Test
    void shouldCloseACallWhoseEndNeverCameOnceThePartitionIsQuiet() throws Exception {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.PHONE_RAW.name(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            TestOutputTopic<String, CallSession> sessions = driver.createOutputTopic(Topics.CALL_SESSIONS.name(),
                    Serdes.String().deserializer(), Topics.CALL_SESSIONS.valueSerde().deserializer());
            raw.pipeInput("805ec0a1b2c3", Topics.PHONE_RAW.valueSerde().encode("t", yealink("incoming_call", HOURS_AGO, 1)),
                    HOURS_AGO);
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            assertThat(sessions.readValuesToList()).as("still within the active window").isEmpty();

            driver.advanceWallClockTime(CONFIG.quietAfter().plusSeconds(5));

            assertThat(sessions.readValuesToList()).singleElement()
                    .extracting(CallSession::getOutcome).isEqualTo(CallOutcome.UNKNOWN);
        }
    }
}
