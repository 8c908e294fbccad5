package dev.hookline.deploy.services;

import dev.hookline.deploy.HooklineException;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.deploy.local.LocalService;
import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The ingest gateway as one of local mode's services. */
public final class GatewayService implements LocalService {

    private final Map<String, Object> settings;
    private final String portOption;
    private final String managementPortOption;
    private IngestGateway gateway;
    private GatewayConfig config;

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
        this.config = config;
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

    /**
     * The started gateway's base URL as a client on this machine reaches it over IPv4 loopback
     * (for simulated phones), or empty when it is not reachable so (HTTPS, or another address).
     */
    public Optional<String> loopbackUrl() {
        String host = config.getString(GatewayConfig.HTTP_HOST);
        if (gateway == null || gateway.secure() || !(host.equals("0.0.0.0") || host.startsWith("127."))) {
            return Optional.empty();
        }
        String prefix = config.pathPrefix();
        return Optional.of("http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + gateway.phonePort()
                + prefix.substring(0, prefix.length() - 1));
    }

    /** The gateway's folder of vendor descriptors ({@code vendors.dir}), when it has one. */
    public Optional<java.nio.file.Path> vendorDir() {
        return config == null ? Optional.empty() : config.vendorDir();
    }

    /** The token phones must send, when the gateway requires one. */
    public Optional<String> token() {
        return config == null ? Optional.empty() : config.token();
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
