package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.deploy.services.DispatcherService;
import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.HookState;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import dev.hookline.testkit.phones.SimulatedPhone;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.hookline.deploy.local.LocalRegistry;
import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.FormatConfig;
import dev.hookline.schema.format.RegistryClient;
import dev.hookline.schema.format.RegistryException;
import dev.hookline.schema.format.RegistryUnavailableException;
import dev.hookline.schema.format.RegistrySettings;
import dev.hookline.schema.format.ValueCodec;
import dev.hookline.schema.format.ValueFormat;
import dev.hookline.schema.format.ValueFormats;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The avro-registry format against a real Confluent-compatible registry (Apicurio Registry, its
 * ccompat API): what Hookline writes is what a Confluent client expects (subjects, versions, ids,
 * framing), a third-party serde reads it and writes what Hookline reads, every registered version
 * of a schema is read, and a registry that does not answer stops a start with one clear error.
 */
@WithKafka
class RegistryFormatIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;

    private static LocalRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.start("127.0.0.1", 0, temp.resolve("registry.log"));
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void thePipelineShouldWriteTheConfluentWireFormatUnderTopicSubjects() throws Exception {
        String prefix = "reg.";
        Map<String, Object> settings = Map.of(FormatConfig.VALUE_FORMAT, "avro-registry",
                FormatConfig.REGISTRY_URL, registry.ccompatUrl(), GatewayConfig.TOPIC_PREFIX, prefix);
        try (OneBrokerPipeline pipeline = OneBrokerPipeline.start(temp.resolve("pipeline"), 2, prefix, settings)) {
            String mac = "805ec0a1b2c3";
            for (String event : List.of("incoming_call", "call_established", "call_terminated")) {
                assertThat(pipeline.get("/yealink/" + event + "?mac=" + mac + "&remote=sip:2002@pbx&local=sip:1001@pbx"
                        + "&call_id=c-1", "Yealink SIP-T46S 66.86.0.15")).isEqualTo(200);
                Thread.sleep(20);
            }
            List<ConsumerRecord<String, byte[]>> sessions = awaitRecords(pipeline.bootstrap(), prefix + "call.sessions.v1", 1);
            byte[] value = sessions.get(0).value();

            // Framing: byte 0, then the id the registry's Confluent API gives the subject's schema.
            assertThat(value[0]).isZero();
            int id = ByteBuffer.wrap(value, 1, 4).getInt();
            JsonNode latest = get("/subjects/" + prefix + "call.sessions.v1-value/versions/latest");
            assertThat(latest.get("id").asInt()).isEqualTo(id);
            assertThat(new Schema.Parser().parse(get("/schemas/ids/" + id).get("schema").asText()))
                    .isEqualTo(CallSession.getClassSchema());
            assertThat(get("/subjects/" + prefix + "call.sessions.v1-value/versions")).hasSize(1);

            // Each topic the gateway and the processor write has its subject, <topic>-value.
            List<String> subjects = JSON.convertValue(get("/subjects"), JSON.getTypeFactory()
                    .constructCollectionType(List.class, String.class));
            assertThat(subjects).contains(prefix + "phone.raw.v1-value", prefix + "phone.events.v1-value",
                    prefix + "phone.events.dlq.v1-value", prefix + "call.sessions.v1-value", prefix + "call.state.v1-value",
                    prefix + "line.status.v1-value", prefix + "device.state.v1-value", prefix + "device.addresses.v1-value");

            // A third-party client (Apicurio's serde, Confluent framing) reads the session.
            try (AvroKafkaDeserializer<CallSession> apicurio = new AvroKafkaDeserializer<>()) {
                apicurio.configure(apicurioSettings(), false);
                CallSession read = apicurio.deserialize(prefix + "call.sessions.v1", value);
                assertThat(read.getDeviceId()).isEqualTo(mac);
                assertThat(read.getOutcome().name()).isEqualTo("ANSWERED");
            }
        }
    }

    @Test
    void commandsAndResultsShouldTravelInTheConfluentWireFormat(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("registry-command", 1);
        String mac = "805ec0a1b2c4";
        try (SimulatedPhone phone = SimulatedPhone.builder("yealink").host("127.0.0.24").port(0).start()) {
            DeviceState state = DeviceState.newBuilder()
                    .setDeviceId(mac).setVendor("yealink").setModel("SIP-T46S").setIp(phone.host())
                    .setHook(HookState.ON).setLines(List.of("1001@pbx"))
                    .setFirstSeen(Instant.now()).setLastSeen(Instant.now()).build();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProps(),
                    new StringSerializer(), new ByteArraySerializer())) {
                // device.state.v1 in json: the dispatcher reads every format, whatever it writes.
                producer.send(new ProducerRecord<>(Topics.DEVICE_STATE.name(prefix), mac,
                        ValueFormats.of(ValueFormat.JSON, Optional.empty()).codec(Topics.DEVICE_STATE)
                                .encode(Topics.DEVICE_STATE.name(prefix), state))).get();
            }
            Map<String, Object> settings = new HashMap<>();
            settings.put(DispatcherConfig.GROUP_ID, "registry-dispatcher-" + prefix);
            settings.put(DispatcherConfig.MANAGEMENT_HOST, "127.0.0.1");
            settings.put(DispatcherConfig.MANAGEMENT_PORT, 0);
            settings.put(DispatcherConfig.PHONE_PORT, phone.port());
            settings.put(DispatcherConfig.REQUEST_TIMEOUT_MS, 2000L);
            settings.put(FormatConfig.VALUE_FORMAT, "avro-registry");
            settings.put(FormatConfig.REGISTRY_URL, registry.ccompatUrl());
            DispatcherService dispatcher = new DispatcherService(settings, "--dispatcher-port");
            try {
                dispatcher.start(kafka.bootstrapServers(), prefix);

                CliRun dial = CliRun.of("command", mac, "dial", "1002", "--wait", "--timeout", "PT60S",
                        "--format", "avro-registry", "--registry-url", registry.ccompatUrl(),
                        "--bootstrap-server", kafka.bootstrapServers(), "--topic-prefix", prefix);

                assertThat(dial.exitCode()).as(dial.out() + dial.err()).isZero();
                assertThat(dial.out()).contains("\"status\":\"DELIVERED\"");
                assertThat(phone.state().lastDialed()).isEqualTo("1002");
                for (String topic : List.of(Topics.PHONE_COMMANDS.name(prefix), Topics.PHONE_COMMAND_RESULTS.name(prefix))) {
                    assertThat(TopicContents.bytes(kafka.bootstrapServers(), topic)).as(topic).isNotEmpty()
                            .allSatisfy(record -> assertThat(record.value()[0]).as("Confluent framing").isZero());
                    assertThat(get("/subjects/" + topic + "-value/versions")).as(topic).hasSize(1);
                }
            } finally {
                dispatcher.close();
            }
        }
    }

    @Test
    void aReaderShouldReadWhatAThirdPartyWroteAndEveryRegisteredVersion() throws Exception {
        String topic = "third-party.call.sessions.v1";
        ValueCodec<CallSession> hookline = ValueFormats.of(ValueFormat.AVRO_REGISTRY,
                Optional.of(RegistrySettings.at(URI.create(registry.ccompatUrl())))).codec(Topics.CALL_SESSIONS);
        CallSession session = CallSession.newBuilder()
                .setSessionId("s-1").setDeviceId("805ec0a1b2c3").setDirection(dev.hookline.schema.Direction.INBOUND)
                .setStartedAt(Instant.parse("2026-12-07T09:00:00Z")).setEndedAt(Instant.parse("2026-12-07T09:01:00Z"))
                .setOutcome(dev.hookline.schema.CallOutcome.MISSED).setEventCount(2).build();

        // Apicurio's serializer writes the Confluent framing; Hookline reads it.
        try (AvroKafkaSerializer<CallSession> apicurio = new AvroKafkaSerializer<>()) {
            apicurio.configure(apicurioSettings(), false);
            assertThat(hookline.decode(topic, apicurio.serialize(topic, session))).isEqualTo(session);
        }

        // A newer writer's schema (one more field) registered as version 2; Hookline reads by its id.
        Schema newer = SchemaBuilder.record("CallSession").namespace("dev.hookline.schema").fields()
                .name("sessionId").type().stringType().noDefault()
                .name("deviceId").type().stringType().noDefault()
                .name("direction").type(CallSession.getClassSchema().getField("direction").schema()).noDefault()
                .name("startedAt").type(CallSession.getClassSchema().getField("startedAt").schema()).noDefault()
                .name("endedAt").type(CallSession.getClassSchema().getField("endedAt").schema()).noDefault()
                .name("outcome").type(CallSession.getClassSchema().getField("outcome").schema()).noDefault()
                .name("eventCount").type().intType().noDefault()
                .name("queue").type().stringType().stringDefault("")
                .endRecord();
        RegistryClient client = new RegistryClient(RegistrySettings.at(URI.create(registry.ccompatUrl())));
        String subject = "evolved.call.sessions.v1-value";
        int v1 = client.register(subject, CallSession.getClassSchema());
        int v2 = client.register(subject, newer);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(client.versions(subject)).hasSize(2);

        GenericRecord written = new GenericData.Record(newer);
        written.put("sessionId", "s-2");
        written.put("deviceId", "805ec0a1b2c3");
        written.put("direction", new GenericData.EnumSymbol(newer.getField("direction").schema(), "OUTBOUND"));
        written.put("startedAt", 1_765_098_000_000L);
        written.put("endedAt", 1_765_098_060_000L);
        written.put("outcome", new GenericData.EnumSymbol(newer.getField("outcome").schema(), "ANSWERED"));
        written.put("eventCount", 4);
        written.put("queue", "sales");
        CallSession read = hookline.decode("evolved.call.sessions.v1", framed(v2, newer, written));
        assertThat(read.getSessionId()).isEqualTo("s-2");
        assertThat(read.getOutcome().name()).isEqualTo("ANSWERED");
        assertThat(read.getEndedAt()).isEqualTo(Instant.ofEpochMilli(1_765_098_060_000L));
        assertThat(read.getHoldMillis()).as("a field the newer writer lacks: its default").isZero();
    }

    @Test
    void aRegistryThatDoesNotAnswerShouldStopAStartWithOneClearError() {
        String nowhere = "http://127.0.0.1:" + LocalPorts.findFree("127.0.0.1") + "/apis/ccompat/v7";
        Map<String, Object> settings = new HashMap<>(Map.of(FormatConfig.VALUE_FORMAT, "avro-registry",
                FormatConfig.REGISTRY_URL, nowhere, FormatConfig.REGISTRY_USER_INFO, "hookline:s3cret",
                FormatConfig.REGISTRY_TIMEOUT_MS, 2000L,
                GatewayConfig.HTTP_HOST, "127.0.0.1", GatewayConfig.HTTP_PORT, 0, GatewayConfig.MANAGEMENT_PORT, 0,
                GatewayConfig.SPOOL_DIR, temp.resolve("spool-nowhere").toString(),
                "kafka.bootstrap.servers", "127.0.0.1:1"));

        assertThatThrownBy(() -> new IngestGateway(new GatewayConfig(settings)).start())
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("schema registry " + nowhere + " did not answer")
                .hasMessageNotContaining("s3cret");

        // A reader whose registry is away does not take a good value for a bad one (no dead letter).
        ValueCodec<CallSession> reader = ValueFormats.of(ValueFormat.AVRO_SINGLE_OBJECT,
                Optional.of(RegistrySettings.at(URI.create(nowhere)))).codec(Topics.CALL_SESSIONS);
        assertThatThrownBy(() -> reader.decode("call.sessions.v1", new byte[] {0, 0, 0, 0, 42, 2}))
                .isInstanceOf(RegistryUnavailableException.class)
                .isNotInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
    }

    @Test
    void withoutAutoRegisterAMissingSchemaShouldStopTheProcessorNamingTheSubject() {
        Map<String, Object> settings = Map.of(FormatConfig.VALUE_FORMAT, "avro-registry",
                FormatConfig.REGISTRY_URL, registry.ccompatUrl(), FormatConfig.REGISTRY_AUTO_REGISTER, false,
                ProcessorConfig.TOPIC_PREFIX, "unregistered.", ProcessorConfig.QUERY_HOST, "127.0.0.1",
                ProcessorConfig.QUERY_PORT, 0, "kafka.bootstrap.servers", "127.0.0.1:1",
                "kafka.state.dir", temp.resolve("state-unregistered").toString());

        assertThatThrownBy(() -> new StreamProcessorApp(new ProcessorConfig(settings)).start(Duration.ofSeconds(30)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("subject unregistered.phone.events.v1-value")
                .hasMessageContaining("registry.auto.register is false");
    }

    private static Map<String, Object> apicurioSettings() {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, registry.apicurioUrl());
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        config.put(SerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, true);
        config.put(SerdeConfig.USE_ID, "contentId");
        config.put(io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        return config;
    }

    private static byte[] framed(int id, Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.ccompatUrl() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<ConsumerRecord<String, byte[]>> awaitRecords(String bootstrap, String topic, int count) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> TopicContents.bytes(bootstrap, topic), records -> records.size() >= count);
    }
}
