package dev.hookline.deploy;

import dev.hookline.dispatcher.CommandDispatcher;
import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway, the stream processor and the command dispatcher in this JVM against one cluster.
 * Each can be stopped cleanly and started again on its own while the others run: the gateway on
 * the same port (the phones know no other) and spool, the processor on the same state folder.
 */
final class InProcessPipeline implements AutoCloseable {

    private final String bootstrap;
    private final Path dir;
    private final int gatewayPort;
    private final int phonePort;
    private IngestGateway gateway;
    private StreamProcessorApp processor;
    private CommandDispatcher dispatcher;

    /**
     * @param gatewayPort the port phones call
     * @param phonePort the port every phone's Action URI listens on (on its own address)
     */
    InProcessPipeline(String bootstrap, Path dir, int gatewayPort, int phonePort) {
        this.bootstrap = bootstrap;
        this.dir = dir;
        this.gatewayPort = gatewayPort;
        this.phonePort = phonePort;
    }

    InProcessPipeline start() throws Exception {
        startGateway();
        startProcessor();
        startDispatcher();
        return this;
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    void restartGateway() {
        gateway.close();
        startGateway();
    }

    void restartProcessor() throws Exception {
        processor.close();
        startProcessor();
    }

    void restartDispatcher() {
        dispatcher.close();
        startDispatcher();
    }

    private void startGateway() {
        Map<String, Object> values = new HashMap<>();
        values.put(GatewayConfig.HTTP_HOST, "127.0.0.1");
        values.put(GatewayConfig.HTTP_PORT, gatewayPort);
        values.put(GatewayConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(GatewayConfig.MANAGEMENT_PORT, 0);
        values.put(GatewayConfig.GATEWAY_ID, "gw-faults");
        values.put(GatewayConfig.SECURITY_RATE_LIMIT, 0.0);
        values.put(GatewayConfig.SECURITY_ADDRESS_RATE_LIMIT, 0.0);
        values.put(GatewayConfig.SPOOL_DIR, dir.resolve("spool").toString());
        values.put("kafka.bootstrap.servers", bootstrap);
        gateway = new IngestGateway(new GatewayConfig(values)).start();
    }

    private void startProcessor() throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put(ProcessorConfig.APPLICATION_ID, "faults-processor");
        values.put(ProcessorConfig.QUERY_HOST, "127.0.0.1");
        values.put(ProcessorConfig.QUERY_PORT, 0);
        values.put("kafka.bootstrap.servers", bootstrap);
        values.put("kafka.state.dir", dir.resolve("state").toString());
        values.put("kafka.replication.factor", "3");
        values.put("kafka.num.standby.replicas", "0");
        values.put("kafka.commit.interval.ms", "100");
        processor = new StreamProcessorApp(new ProcessorConfig(values)).start(Duration.ofSeconds(120));
    }

    private void startDispatcher() {
        Map<String, Object> values = new HashMap<>();
        values.put(DispatcherConfig.GROUP_ID, "faults-dispatcher");
        values.put(DispatcherConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(DispatcherConfig.MANAGEMENT_PORT, 0);
        values.put(DispatcherConfig.PHONE_PORT, phonePort);
        values.put(DispatcherConfig.REQUEST_TIMEOUT_MS, 2000L);
        values.put("kafka.bootstrap.servers", bootstrap);
        dispatcher = new CommandDispatcher(new DispatcherConfig(values)).start();
    }

    @Override
    public void close() {
        for (AutoCloseable service : new AutoCloseable[] {dispatcher, processor, gateway}) {
            try {
                if (service != null) {
                    service.close();
                }
            } catch (Exception e) {
                // Closing the rest regardless: a test's failure is reported, not this.
            }
        }
    }
}
