package dev.hookline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.processor.calls.PhoneCalls;
import dev.hookline.processor.state.PhoneState;
import dev.hookline.processor.state.RecentRequests;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.CallState;
import dev.hookline.schema.DeadLetter;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.PollStatus;
import dev.hookline.schema.Registration;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The topology's per-phone rules: de-duplication, dead letters, state on change only, bounded state. */
class PhoneTopologyTest {

    private static final String MAC = "805ec0a1b2c3";
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private int requests;

    @BeforeAll
    static void trust() {
        SchemaTrust.install();
    }

    @BeforeEach
    void start() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "phone-topology");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("phone-topology").toString());
        driver = new TopologyTestDriver(ProcessorTopology.build(new ProcessorConfig(Map.of())), props, T0);
        raw = driver.createInputTopic(Topics.PHONE_RAW.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private <V extends SpecificRecord> TestOutputTopic<String, V> output(TopicSpec<V> topic) {
        return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(), topic.valueSerde().deserializer());
    }

    private void send(String event, String query, Instant at) {
        send("r-" + requests++, event, query, at);
    }

    private void send(String requestId, String event, String query, Instant at) {
        RawPhoneRequest request = RawPhoneRequest.newBuilder()
                .setRequestId(requestId).setReceivedAt(at).setGatewayId("test").setDeviceId(MAC)
                .setSourceAddress("10.1.2.3").setSourcePort(0).setMethod("GET")
                .setPath("/yealink/" + event).setQuery("mac=" + MAC + "&" + query)
                .setUserAgent("Yealink SIP-T46S 66.86.0.15 80:5e:c0:a1:b2:c3")
                .build();
        raw.pipeInput(MAC, Topics.PHONE_RAW.valueSerde().encode("t", request), at);
    }

    private PhoneState stored() {
        KeyValueStore<String, PhoneState> store = driver.getKeyValueStore(ProcessorTopology.PHONES_STORE);
        return store.get(MAC);
    }

    @Test
    void shouldCountTheSameRequestOnceWithinTheDeduplicationWindow() {
        TestOutputTopic<String, PhoneEvent> events = output(Topics.PHONE_EVENTS);
        send("incoming_call", "remote=sip:2002@pbx&call_id=7", T0);
        send("incoming_call", "remote=sip:2002@pbx&call_id=7", T0.plusMillis(400));

        assertThat(events.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldCountTheSameRequestAgainAfterTheWindow() {
        TestOutputTopic<String, PhoneEvent> events = output(Topics.PHONE_EVENTS);
        send("registered", "local=sip:1001@pbx", T0);
        send("registered", "local=sip:1001@pbx", T0.plusMillis(1500));

        assertThat(events.readValuesToList()).hasSize(2);
    }

    /**
     * Two gateways behind a balancer: the phone's call_established reached Kafka after its
     * call_terminated. The end is held for the reorder window, and the late answer counts.
     */
    @Test
    void shouldCountAnAnswerThatReachedKafkaAfterTheEndOfItsCall() {
        TestOutputTopic<String, CallSession> sessions = output(Topics.CALL_SESSIONS);
        send("incoming_call", "remote=sip:2002@pbx&call_id=7", T0);
        send("call_terminated", "remote=sip:2002@pbx&call_id=7", T0.plusSeconds(9));
        assertThat(sessions.isEmpty()).as("held for the reorder window").isTrue();

        send("call_established", "remote=sip:2002@pbx&call_id=7", T0.plusSeconds(3));

        assertThat(sessions.readValuesToList()).singleElement().satisfies(session -> {
            assertThat(session.getOutcome()).isEqualTo(CallOutcome.ANSWERED);
            assertThat(session.getTalkMillis()).isEqualTo(6000L);
        });
        driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertThat(sessions.isEmpty()).as("written once").isTrue();
    }

    /** A missed call on a phone that then goes quiet is written once its window has passed in real time. */
    @Test
    void shouldWriteAHeldUnansweredEndWithinASecondOrSoAfterTheWindowOnAQuietPartition() {
        TestOutputTopic<String, CallSession> sessions = output(Topics.CALL_SESSIONS);
        send("incoming_call", "remote=sip:2002@pbx&call_id=7", T0);
        send("call_terminated", "remote=sip:2002@pbx&call_id=7", T0.plusSeconds(9));

        driver.advanceWallClockTime(Duration.ofMillis(1000));
        assertThat(sessions.isEmpty()).as("within the 2 s window").isTrue();
        driver.advanceWallClockTime(Duration.ofMillis(1300));
        assertThat(sessions.readValuesToList()).singleElement()
                .satisfies(session -> assertThat(session.getOutcome()).isEqualTo(CallOutcome.MISSED));
        assertThat(PhoneCalls.holdsEndings(stored().calls())).isFalse();
    }

    @Test
    void shouldDropTheGatewaysRedeliveryOfARequestHowEverLateItComes() {
        TestOutputTopic<String, CallSession> sessions = output(Topics.CALL_SESSIONS);
        String[] call = {"incoming_call", "call_established", "call_terminated"};
        for (int i = 0; i < call.length; i++) {
            send("req-" + i, call[i], "remote=sip:2002@pbx&call_id=7", T0.plusSeconds(i));
        }
        // The phone goes on: a later call, so the content de-duplication has long forgotten the first.
        for (int i = 0; i < call.length; i++) {
            send(call[i], "remote=sip:2003@pbx&call_id=8", T0.plusSeconds(300 + i));
        }
        // Then the spool replays the first call's requests: same request ids, their original times.
        for (int i = 0; i < call.length; i++) {
            send("req-" + i, call[i], "remote=sip:2002@pbx&call_id=7", T0.plusSeconds(i));
        }

        assertThat(sessions.readValuesToList()).extracting(CallSession::getCallId).containsExactly("7", "8");
    }

    @Test
    void shouldCountRequestsThatDifferInAVariableAsTwo() {
        TestOutputTopic<String, PhoneEvent> events = output(Topics.PHONE_EVENTS);
        send("incoming_call", "remote=sip:2002@pbx&call_id=7", T0);
        send("incoming_call", "remote=sip:2003@pbx&call_id=8", T0.plusMillis(10));

        assertThat(events.readValuesToList()).hasSize(2);
    }

    @Test
    void shouldDeadLetterARecordThatIsNotARawRequestWithTheReason() {
        TestOutputTopic<String, DeadLetter> dlq = output(Topics.PHONE_EVENTS_DLQ);
        raw.pipeInput(MAC, "not avro".getBytes(StandardCharsets.UTF_8), T0);

        assertThat(dlq.readValuesToList()).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isNotBlank();
            assertThat(letter.getSourceTopic()).isEqualTo(Topics.PHONE_RAW.name());
        });
    }

    @Test
    void shouldEmitDeviceAndLineStateOnlyWhenTheyChange() {
        TestOutputTopic<String, DeviceState> devices = output(Topics.DEVICE_STATE);
        TestOutputTopic<String, LineStatus> lines = output(Topics.LINE_STATUS);
        send("registered", "local=sip:1001@pbx", T0);
        send("registered", "local=sip:1001@pbx", T0.plusSeconds(30));

        assertThat(devices.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly(MAC);
        assertThat(lines.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly(MAC + "/1001@pbx");
    }

    @Test
    void shouldLeaveNoCallBehindOnceTheCallEnds() {
        TestOutputTopic<String, CallState> callState = output(Topics.CALL_STATE);
        send("incoming_call", "remote=sip:2002@pbx&call_id=7&line=1", T0);
        assertThat(stored().calls().getCalls()).hasSize(1);
        send("call_established", "remote=sip:2002@pbx&call_id=7&line=1", T0.plusSeconds(3));
        send("call_terminated", "remote=sip:2002@pbx&call_id=7&line=1", T0.plusSeconds(60));

        assertThat(stored().calls().getCalls()).isEmpty();
        List<KeyValue<String, CallState>> changes = callState.readKeyValuesToList();
        assertThat(changes.get(changes.size() - 1).value).as("a tombstone ends the call's live state").isNull();
    }

    @Test
    void shouldKeepAPhonesStateBoundedUnderAFloodOfDistinctRequests() {
        for (int i = 0; i < 500; i++) {
            send("incoming_call", "remote=sip:" + (3000 + i) + "@pbx&call_id=" + i + "&local=sip:" + (1000 + i % 40) + "@pbx",
                    T0.plusMillis(i));
        }

        PhoneState state = stored();
        assertThat(state.recent().seen()).hasSizeLessThanOrEqualTo(RecentRequests.MAX);
        assertThat(state.calls().getCalls()).hasSizeLessThanOrEqualTo(new ProcessorConfig(Map.of()).correlator().maxOpenCalls());
        assertThat(state.lines()).hasSizeLessThanOrEqualTo(16);
        assertThat(state.device().getLines()).hasSizeLessThanOrEqualTo(16);
    }

    @Test
    void shouldReconcileLinesAndDeviceStateFromAStatusPoll() {
        TestOutputTopic<String, LineStatus> lines = output(Topics.LINE_STATUS);
        TestOutputTopic<String, DeviceState> devices = output(Topics.DEVICE_STATE);
        send("registered", "local=sip:1001@pbx", T0);
        RawPhoneRequest poll = RawPhoneRequest.newBuilder()
                .setRequestId("poll-1").setReceivedAt(T0.plusSeconds(60)).setGatewayId("dispatcher").setDeviceId(MAC)
                .setSourceAddress("10.1.2.3").setSourcePort(0).setMethod("GET")
                .setPath(PollStatus.PATH)
                .setQuery(new PollStatus("yealink", "SIP-T46S", null, "10.1.2.3", true, null, null, null,
                        List.of("1002@pbx"), List.of("1001@pbx")).toQuery())
                .setSource(EventSource.POLL)
                .build();
        raw.pipeInput(MAC, Topics.PHONE_RAW.valueSerde().encode("t", poll), T0.plusSeconds(60));

        Map<String, LineStatus> latest = new java.util.HashMap<>();
        lines.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
        assertThat(latest.get(MAC + "/1001@pbx").getRegistration()).isEqualTo(Registration.UNREGISTERED);
        assertThat(latest.get(MAC + "/1002@pbx").getRegistration()).isEqualTo(Registration.REGISTERED);
        List<DeviceState> states = devices.readValuesToList();
        assertThat(states.get(states.size() - 1).getDnd()).isTrue();
    }

    @Test
    void shouldDeadLetterAPollThatReportsNothing() {
        TestOutputTopic<String, DeadLetter> dlq = output(Topics.PHONE_EVENTS_DLQ);
        RawPhoneRequest poll = RawPhoneRequest.newBuilder()
                .setRequestId("poll-2").setReceivedAt(T0).setGatewayId("dispatcher").setDeviceId(MAC)
                .setSourceAddress("10.1.2.3").setSourcePort(0).setMethod("GET")
                .setPath(PollStatus.PATH).setQuery("vendor=yealink").setSource(EventSource.POLL)
                .build();
        raw.pipeInput(MAC, Topics.PHONE_RAW.valueSerde().encode("t", poll), T0);

        assertThat(dlq.readValuesToList()).singleElement()
                .satisfies(letter -> assertThat(letter.getErrorCode()).isEqualTo("EMPTY_POLL"));
    }

    @Test
    void shouldForgetRecentRequestsOlderThanTheWindow() {
        send("registered", "local=sip:1001@pbx", T0);
        send("dnd_on", "local=sip:1001@pbx", T0.plus(Duration.ofMinutes(5)));

        assertThat(stored().recent().seen()).hasSize(1);
    }
}
