package dev.hookline.deploy;

import dev.hookline.deploy.kafka.TopicAdmin;
import dev.hookline.deploy.local.LocalKafkaCluster;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One broker in a child JVM with Hookline's topics, a gateway and a processor in this JVM, each
 * given extra settings: the smallest whole pipeline a test of the reading path needs.
 */
final class OneBrokerPipeline implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LocalKafkaCluster broker;
    private final IngestGateway gateway;
    private final StreamProcessorApp processor;
    private final Map<String, Object> settings;

    private OneBrokerPipeline(LocalKafkaCluster broker, IngestGateway gateway, StreamProcessorApp processor,
            Map<String, Object> settings) {
        this.broker = broker;
        this.gateway = gateway;
        this.processor = processor;
        this.settings = Map.copyOf(settings);
    }

    /** Starts it all; settings given override the defaults here for both services (e.g. {@code vendors.dir}). */
    static OneBrokerPipeline start(Path dir, int partitions, Map<String, Object> settings) throws Exception {
        return start(dir, partitions, "", settings);
    }

    /** As {@link #start(Path, int, Map)}, with the topics under prefix (pass the same prefix in the settings). */
    static OneBrokerPipeline start(Path dir, int partitions, String prefix, Map<String, Object> settings) throws Exception {
        LocalKafkaCluster broker = new LocalKafkaCluster(new LocalKafkaCluster.Settings(dir.resolve("kafka"),
                "localhost", LocalPorts.findFree("localhost"), 1, "256m", Duration.ofSeconds(60)));
        IngestGateway gateway = null;
        try {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            Properties admin = new Properties();
            admin.put("bootstrap.servers", bootstrap);
            try (TopicAdmin topics = TopicAdmin.connect(admin)) {
                topics.createAll(prefix, partitions, Optional.of((short) 1));
            }
            gateway = new IngestGateway(new GatewayConfig(gatewaySettings(bootstrap, dir, settings))).start();
            StreamProcessorApp processor = new StreamProcessorApp(new ProcessorConfig(processorSettings(bootstrap,
                    dir.resolve("state"), settings))).start(Duration.ofSeconds(60));
            return new OneBrokerPipeline(broker, gateway, processor, settings);
        } catch (Exception | Error e) {
            if (gateway != null) {
                gateway.close();
            }
            broker.close();
            throw e;
        }
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    /** The processor started with the pipeline. */
    StreamProcessorApp processor() {
        return processor;
    }

    /**
     * One more processor instance beside the pipeline's own, with the same settings (so the same
     * application id: the two share the partitions) but its own state folder and query port
     * (0: any free one). The caller closes it.
     */
    StreamProcessorApp startProcessor(Path stateDir, int queryPort) throws Exception {
        Map<String, Object> values = processorSettings(bootstrap(), stateDir, settings);
        values.put("kafka.state.dir", stateDir.toString());
        values.put(ProcessorConfig.QUERY_PORT, queryPort);
        return new StreamProcessorApp(new ProcessorConfig(values)).start(Duration.ofSeconds(60));
    }

    /** Sends one phone request to the gateway; returns the HTTP status. */
    int get(String pathAndQuery, String userAgent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.phonePort()
                + pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Map<String, Object> gatewaySettings(String bootstrap, Path dir, Map<String, Object> settings) {
        Map<String, Object> values = new HashMap<>();
        values.put(GatewayConfig.HTTP_HOST, "127.0.0.1");
        values.put(GatewayConfig.HTTP_PORT, 0);
        values.put(GatewayConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(GatewayConfig.MANAGEMENT_PORT, 0);
        values.put(GatewayConfig.SPOOL_DIR, dir.resolve("spool").toString());
        values.put("kafka.bootstrap.servers", bootstrap);
        settings.forEach((k, v) -> {
            if (GatewayConfig.DEFINITION.names().contains(k)) {
                values.put(k, v);
            }
        });
        return values;
    }

    private static Map<String, Object> processorSettings(String bootstrap, Path stateDir, Map<String, Object> settings) {
        Map<String, Object> values = new HashMap<>();
        values.put(ProcessorConfig.QUERY_HOST, "127.0.0.1");
        values.put(ProcessorConfig.QUERY_PORT, 0);
        values.put("kafka.bootstrap.servers", bootstrap);
        values.put("kafka.state.dir", stateDir.toString());
        values.put("kafka.replication.factor", "1");
        values.put("kafka.commit.interval.ms", "100");
        settings.forEach((k, v) -> {
            if (ProcessorConfig.DEFINITION.names().contains(k)) {
                values.put(k, v);
            }
        });
        return values;
    }

    @Override
    public void close() {
        try (broker; gateway) {
            processor.close();
        }
    }
}
