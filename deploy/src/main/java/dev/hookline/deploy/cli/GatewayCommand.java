package dev.hookline.deploy.cli;

import dev.hookline.deploy.services.GatewayService;
import dev.hookline.gateway.config.GatewayConfig;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
        String bootstrap = bootstrapServers != null ? bootstrapServers
                : (String) values.getOrDefault(GatewayConfig.KAFKA_PREFIX + "bootstrap.servers", "localhost:9092");
        String prefix = (String) values.getOrDefault(GatewayConfig.TOPIC_PREFIX, "");
        GatewayService gateway = new GatewayService(values, "--port", "--management-port");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "hookline-gateway-shutdown"));
        String address = gateway.start(bootstrap, prefix);
        PrintWriter out = spec.commandLine().getOut();
        out.println("ingest gateway ready: " + address + " -> Kafka at " + bootstrap);
        out.flush();
        stopped.await();
        return 0;
    }
}
