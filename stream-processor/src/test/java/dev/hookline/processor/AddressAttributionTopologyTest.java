package dev.hookline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.DeviceAddress;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests without a MAC, keyed ip-<address> by the gateway, become the phone last seen with its
 * MAC at that address: within the maximum age, per tenant, the newest MAC winning.
 */
class AddressAttributionTopologyTest {

    private static final String MAC = "805ec0a1b2c3";
    private static final String OTHER_MAC = "805ec0d4e5f6";
    private static final String ADDRESS = "10.1.2.3";
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private int requests;

    @BeforeAll
    static void trust() {
        SchemaTrust.install();
    }

    private void start(Map<String, Object> settings) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "attribution");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("attribution").toString());
        Map<String, Object> values = new HashMap<>(settings);
        values.putIfAbsent(ProcessorConfig.IDENTITY_ADDRESS_MAX_AGE_MS, Duration.ofHours(1).toMillis());
        values.putIfAbsent(ProcessorConfig.IDENTITY_ADDRESS_REFRESH_MS, Duration.ofMinutes(10).toMillis());
        driver = new TopologyTestDriver(ProcessorTopology.build(new ProcessorConfig(values)), props, T0);
        raw = driver.createInputTopic(Topics.PHONE_RAW.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    private void start() throws Exception {
        start(Map.of());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private <V extends SpecificRecord> TestOutputTopic<String, V> output(TopicSpec<V> topic) {
        return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(), topic.valueSerde().deserializer());
    }

    /** A request as the gateway stores it: keyed by the MAC when it names one, else by ip-<address>. */
    private void send(String mac, String tenant, String event, String query, Instant at) {
        String deviceId = mac == null ? "ip-" + ADDRESS : mac;
        RawPhoneRequest request = RawPhoneRequest.newBuilder()
                .setRequestId("r-" + requests++).setReceivedAt(at).setGatewayId("test").setTenant(tenant)
                .setDeviceId(deviceId).setSourceAddress(ADDRESS).setSourcePort(5060).setMethod("GET")
                .setPath("/yealink/" + event).setQuery(mac == null ? query : "mac=" + mac + "&" + query)
                .setUserAgent("Yealink SIP-T46S 66.86.0.15")
                .build();
        raw.pipeInput(deviceId, Topics.PHONE_RAW.valueSerde().encode("t", request), at);
    }

    private void call(String tenant, String callId, Instant at) {
        send(null, tenant, "incoming_call", "remote=sip:2002@pbx&call_id=" + callId, at);
        send(null, tenant, "call_established", "call_id=" + callId, at.plusSeconds(2));
        send(null, tenant, "call_terminated", "call_id=" + callId, at.plusSeconds(30));
    }

    @Test
    void shouldMakeTheCallsOfARequestWithoutAMacThePhonesLastSeenAtItsAddress() throws Exception {
        start();
        TestOutputTopic<String, CallSession> sessions = output(Topics.CALL_SESSIONS);
        TestOutputTopic<String, PhoneEvent> events = output(Topics.PHONE_EVENTS);
        send(MAC, null, "registered", "local=sip:1001@pbx", T0);
        call(null, "1", T0.plusSeconds(60));

        List<KeyValue<String, CallSession>> written = sessions.readKeyValuesToList();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).key).isEqualTo(MAC);
        assertThat(written.get(0).value.getDeviceId()).isEqualTo(MAC);
        assertThat(written.get(0).value.getOutcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(events.readKeyValuesToList()).extracting(record -> record.key).containsOnly(MAC).hasSize(4);
    }

    @Test
    void shouldKeepTheAddressWhenNoPhoneWasSeenThere() throws Exception {
        start();
        TestOutputTopic<String, CallSession> sessions = output(Topics.CALL_SESSIONS);
        call(null, "1", T0);

        assertThat(sessions.readKeyValuesToList()).extracting(record -> record.key).containsExactly("ip-" + ADDRESS);
    }

    @Test
    void shouldGiveTheAddressToTheNewestMac() throws Exception {
        start();
        TestOutputTopic<String, CallSession> sessions = output(Topics.CALL_SESSIONS);
        send(MAC, null, "registered", "local=sip:1001@pbx", T0);
        send(OTHER_MAC, null, "registered", "local=sip:1002@pbx", T0.plusSeconds(10));
        call(null, "1", T0.plusSeconds(60));

        assertThat(sessions.readKeyValuesToList()).extracting(record -> record.key).containsExactly(OTHER_MAC);
    }

    @Test
    void shouldNotLetAnOlderSightingOfAnotherMacTakeTheAddressBack() throws Exception {
        start();
        TestOutputTopic<String, CallSession> sessions = output(Topics.CALL_SESSIONS);
        send(OTHER_MAC, null, "registered", "local=sip:1002@pbx", T0.plusSeconds(10));
        // Processed later (another partition behind), but made earlier.
        send(MAC, null, "registered", "local=sip:1001@pbx", T0);
        call(null, "1", T0.plusSeconds(60));

        assertThat(sessions.readKeyValuesToList()).extracting(record -> record.key).containsExactly(OTHER_MAC);
    }

    @Test
    void shouldNotUseAMappingOlderThanTheMaximumAge() throws Exception {
        start();
        TestOutputTopic<String, CallSession> sessions = output(Topics.CALL_SESSIONS);
        send(MAC, null, "registered", "local=sip:1001@pbx", T0);
        call(null, "1", T0.plus(Duration.ofHours(1)).plusSeconds(1));

        assertThat(sessions.readKeyValuesToList()).extracting(record -> record.key).containsExactly("ip-" + ADDRESS);
    }

    @Test
    void shouldNotGiveAPhoneARequestMadeBeforeItCameToTheAddress() throws Exception {
        start();
        TestOutputTopic<String, PhoneEvent> events = output(Topics.PHONE_EVENTS);
        send(MAC, null, "registered", "local=sip:1001@pbx", T0);
        // A backlog: a request of whoever had the address a minute earlier, processed after.
        send(null, null, "dnd_on", "", T0.minusSeconds(60));

        assertThat(events.readKeyValuesToList()).extracting(record -> record.key).containsExactly(MAC, "ip-" + ADDRESS);
    }

    @Test
    void shouldKeepTenantsApart() throws Exception {
        start();
        TestOutputTopic<String, CallSession> sessions = output(Topics.CALL_SESSIONS);
        send(MAC, "site-a", "registered", "local=sip:1001@pbx", T0);
        call("site-b", "1", T0.plusSeconds(60));
        call("site-a", "2", T0.plusSeconds(120));

        assertThat(sessions.readKeyValuesToList()).extracting(record -> record.key).containsExactly("ip-" + ADDRESS, MAC);
    }

    @Test
    void shouldWriteTheAddressOnChangeAndRefreshOnlyAfterTheInterval() throws Exception {
        start();
        TestOutputTopic<String, DeviceAddress> addresses = output(Topics.DEVICE_ADDRESSES);
        send(MAC, "site-a", "registered", "local=sip:1001@pbx", T0);
        send(MAC, "site-a", "dnd_on", "", T0.plusSeconds(60));
        send(MAC, "site-a", "dnd_off", "", T0.plus(Duration.ofMinutes(10)));
        send(OTHER_MAC, "site-a", "registered", "local=sip:1002@pbx", T0.plus(Duration.ofMinutes(11)));

        List<KeyValue<String, DeviceAddress>> written = addresses.readKeyValuesToList();
        assertThat(written).extracting(record -> record.key).containsOnly("site-a/" + ADDRESS);
        assertThat(written).extracting(record -> record.value.getDeviceId()).containsExactly(MAC, MAC, OTHER_MAC);
        assertThat(written).extracting(record -> record.value.getSince())
                .containsExactly(T0, T0, T0.plus(Duration.ofMinutes(11)));
        assertThat(written).extracting(record -> record.value.getSeenAt())
                .containsExactly(T0, T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(11)));
    }

    @Test
    void shouldAttributeNothingWhenTurnedOff() throws Exception {
        start(Map.of(ProcessorConfig.IDENTITY_ADDRESS_MAX_AGE_MS, 0L));
        TestOutputTopic<String, CallSession> sessions = output(Topics.CALL_SESSIONS);
        send(MAC, null, "registered", "local=sip:1001@pbx", T0);
        call(null, "1", T0.plusSeconds(60));

        assertThat(sessions.readKeyValuesToList()).extracting(record -> record.key).containsExactly("ip-" + ADDRESS);
    }

    @Test
    void shouldDropTheGatewaysSecondCopyOfAnAttributedRequest() throws Exception {
        start();
        TestOutputTopic<String, PhoneEvent> events = output(Topics.PHONE_EVENTS);
        send(MAC, null, "registered", "local=sip:1001@pbx", T0);
        RawPhoneRequest copy = RawPhoneRequest.newBuilder()
                .setRequestId("spooled").setReceivedAt(T0.plusSeconds(5)).setGatewayId("test")
                .setDeviceId("ip-" + ADDRESS).setSourceAddress(ADDRESS).setSourcePort(5060).setMethod("GET")
                .setPath("/yealink/dnd_on").setQuery("").setUserAgent("Yealink SIP-T46S 66.86.0.15").build();
        raw.pipeInput("ip-" + ADDRESS, Topics.PHONE_RAW.valueSerde().encode("t", copy), T0.plusSeconds(5));
        raw.pipeInput("ip-" + ADDRESS, Topics.PHONE_RAW.valueSerde().encode("t", copy), T0.plusSeconds(9));

        assertThat(events.readKeyValuesToList()).extracting(record -> record.key).containsExactly(MAC, MAC);
    }
}
