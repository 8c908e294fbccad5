package dev.hookline.deploy.cli;

import dev.hookline.deploy.local.LocalService;
import dev.hookline.deploy.services.GatewayService;
import dev.hookline.gateway.config.GatewayConfig;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hookline gateway}: the ingest gateway alone, against an existing Kafka cluster. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run the ingest gateway (the server phones call) against an existing Kafka cluster.")
public final class GatewayCommand extends ServiceCommand {

    @Option(names = "--port", description = "Port phones call (default: 8080).")
    Integer port;

    @Option(names = "--management-port", description = "Port of health and metrics (default: 8088).")
    Integer managementPort;

    @Override
    Map<String, Object> optionSettings() {
        Map<String, Object> extra = new HashMap<>();
        if (port != null) {
            extra.put(GatewayConfig.HTTP_PORT, port);
        }
        if (managementPort != null) {
            extra.put(GatewayConfig.MANAGEMENT_PORT, managementPort);
        }
        return extra;
    }

    @Override
    LocalService service(Map<String, Object> values) {
        return new GatewayService(values, "--port", "--management-port");
    }
}
