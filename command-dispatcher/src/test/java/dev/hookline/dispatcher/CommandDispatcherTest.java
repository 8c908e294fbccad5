package dev.hookline.dispatcher;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.dispatcher.config.DispatcherConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up fails fast, before touching Kafka, on settings that cannot work. */
class CommandDispatcherTest {

    private static Map<String, Object> settings() {
        Map<String, Object> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", "127.0.0.1:1");
        values.put(DispatcherConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(DispatcherConfig.MANAGEMENT_PORT, 0);
        return values;
    }

    @Test
    void shouldRefuseAMissingSecretsFileNamingIt() {
        Map<String, Object> values = settings();
        values.put(DispatcherConfig.SECRETS_FILE, "/nonexistent/hookline-secrets.json");

        assertThatThrownBy(() -> new CommandDispatcher(new DispatcherConfig(values)).start())
                .hasMessageContaining("/nonexistent/hookline-secrets.json");
    }

    @Test
    void shouldRefuseANetworkThatIsNotOne() {
        Map<String, Object> values = settings();
        values.put(DispatcherConfig.ALLOWED_CIDRS, "10.0.0.0/8,phones.example.com");

        assertThatThrownBy(() -> new CommandDispatcher(new DispatcherConfig(values)).start())
                .hasMessageContaining("phones.example.com");
    }

    @Test
    void shouldRefuseAVendorFileNamingADialectNoDriverSpeaks(@TempDir Path vendors) throws Exception {
        Path file = Files.writeString(vendors.resolve("acme.json"), "{\"vendor\": \"acme\", \"title\": \"Acme\","
                + " \"recognize\": {\"pathSegments\": [\"acme\"]}, \"actionUri\": {\"dialect\": \"acme-xml\"},"
                + " \"evidence\": [{\"level\": \"observed\", \"about\": \"all\", \"source\": \"a test\"}]}");
        Map<String, Object> values = settings();
        values.put(DispatcherConfig.VENDOR_DIR, vendors.toString());

        assertThatThrownBy(() -> new CommandDispatcher(new DispatcherConfig(values)).start())
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no command driver speaks dialect 'acme-xml'");
    }
}
