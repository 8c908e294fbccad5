package dev.hookline.deploy.services;

import dev.hookline.deploy.HooklineException;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.deploy.local.LocalService;
import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import java.util.HashMap;
import java.util.Map;

/** The ingest gateway as one of local mode's services. */
public final class GatewayService implements LocalService {

    private final Map<String, Object> settings;
    private final String portOption;
    private final String managementPortOption;
    private IngestGateway gateway;

    /**
     * @param settings gateway settings (file, environment, options) before Kafka's address is known
     * @param portOption the command-line option that sets the phone port, named when it is taken
     * @param managementPortOption the option that sets the management port
     */
    public GatewayService(Map<String, Object> settings, String portOption, String managementPortOption) {
        this.settings = settings;
        this.portOption = portOption;
        this.managementPortOption = managementPortOption;
    }

    @Override
    public String name() {
        return "ingest gateway";
    }

    @Override
    public String start(String bootstrapServers, String topicPrefix) {
        Map<String, Object> values = new HashMap<>(settings);
        values.put(GatewayConfig.KAFKA_PREFIX + "bootstrap.servers", bootstrapServers);
        values.putIfAbsent(GatewayConfig.TOPIC_PREFIX, topicPrefix);
        GatewayConfig config = ServiceSettings.load(GatewayConfig::new, values, null);
        String host = config.getString(GatewayConfig.HTTP_HOST);
        LocalPorts.requireFree(host, config.getInt(GatewayConfig.HTTP_PORT), portOption);
        LocalPorts.requireFree(config.getString(GatewayConfig.MANAGEMENT_HOST),
                config.getInt(GatewayConfig.MANAGEMENT_PORT), managementPortOption);
        try {
            gateway = new IngestGateway(config).start();
        } catch (RuntimeException e) {
            throw new HooklineException("the ingest gateway did not start: " + e.getMessage(), e);
        }
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        return (gateway.secure() ? "https" : "http") + "://" + shown + ":" + gateway.phonePort() + config.pathPrefix()
                + "  (health and metrics on :" + gateway.managementPort() + ")";
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
