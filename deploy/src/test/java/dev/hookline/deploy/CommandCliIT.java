package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.deploy.services.DispatcherService;
import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.HookState;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import dev.hookline.testkit.phones.SimulatedPhone;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** {@code hookline command ... --wait} against a running dispatcher and a simulated Yealink phone. */
@WithKafka
class CommandCliIT {

    private static final String MAC = "805ec0a1b2c3";

    @Test
    void shouldDialThroughTheDispatcherAndPrintTheResult(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("cli-command", 1);
        try (SimulatedPhone phone = SimulatedPhone.builder("yealink").host("127.0.0.23").port(0).start()) {
            registerPhone(kafka, prefix, phone.host());
            DispatcherService dispatcher = new DispatcherService(settings(prefix, phone.port()), "--dispatcher-port");
            try {
                dispatcher.start(kafka.bootstrapServers(), prefix);

                CliRun dial = CliRun.of("command", "80:5E:C0:A1:B2:C3", "dial", "1002", "--wait", "--timeout", "PT60S",
                        "--bootstrap-server", kafka.bootstrapServers(), "--topic-prefix", prefix);
                CliRun unknown = CliRun.of("command", "001565aabbcc", "HANGUP", "--wait", "--timeout", "PT60S",
                        "--bootstrap-server", kafka.bootstrapServers(), "--topic-prefix", prefix);
                CliRun noNumber = CliRun.of("command", MAC, "DIAL",
                        "--bootstrap-server", kafka.bootstrapServers(), "--topic-prefix", prefix);

                assertThat(dial.exitCode()).as(dial.out() + dial.err()).isZero();
                assertThat(dial.out()).contains("\"status\":\"DELIVERED\"").contains("\"deviceId\":\"" + MAC + "\"");
                assertThat(phone.state().lastDialed()).isEqualTo("1002");
                assertThat(unknown.exitCode()).isEqualTo(1);
                assertThat(unknown.out()).contains("\"status\":\"UNKNOWN_DEVICE\"");
                assertThat(noNumber.exitCode()).isEqualTo(2);
                assertThat(noNumber.err()).contains("DIAL needs a number");
            } finally {
                dispatcher.close();
            }
        }
    }

    private static Map<String, Object> settings(String prefix, int phonePort) {
        Map<String, Object> values = new HashMap<>();
        values.put(DispatcherConfig.GROUP_ID, "cli-dispatcher-" + prefix);
        values.put(DispatcherConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(DispatcherConfig.MANAGEMENT_PORT, 0);
        values.put(DispatcherConfig.PHONE_PORT, phonePort);
        values.put(DispatcherConfig.REQUEST_TIMEOUT_MS, 2000L);
        return values;
    }

    private static void registerPhone(KafkaBroker kafka, String prefix, String address) throws Exception {
        DeviceState state = DeviceState.newBuilder()
                .setDeviceId(MAC).setVendor("yealink").setModel("SIP-T46S").setIp(address)
                .setHook(HookState.ON).setLines(List.of("1001@pbx"))
                .setFirstSeen(Instant.now()).setLastSeen(Instant.now())
                .build();
        try (KafkaProducer<String, DeviceState> producer = new KafkaProducer<>(kafka.producerProps(),
                Topics.DEVICE_STATE.keySerde().serializer(), Topics.DEVICE_STATE.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.DEVICE_STATE.name(prefix), MAC, state)).get();
        }
    }
}
