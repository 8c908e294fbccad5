package dev.hookline.deploy.cli;

import dev.hookline.deploy.services.GatewayService;
import dev.hookline.gateway.config.GatewayConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hookline gateway}: the ingest gateway alone, against an existing Kafka cluster. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run the ingest gateway (the server phones call) against an existing Kafka cluster.")
public final class GatewayCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: kafka.bootstrap.servers of the config, else localhost:9092).")
    String bootstrapServers;

    @Option(names = "--port", description = "Port phones call (default: 8080).")
    Integer port;

    @Option(names = "--management-port", description = "Port of health and metrics (default: 8088).")
    Integer managementPort;

    @Mixin
    ServiceOptions service;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> extra = new HashMap<>();
        if (port != null) {
            extra.put(GatewayConfig.HTTP_PORT, port);
        }
        if (managementPort != null) {
            extra.put(GatewayConfig.MANAGEMENT_PORT, managementPort);
        }
        Map<String, Object> values = service.values(extra);
        GatewayService gateway = new GatewayService(values, "--port", "--management-port");
        return ServiceRunner.runUntilStopped(gateway, bootstrapServers, values, spec.commandLine().getOut());
    }
}
