package dev.hookline.deploy.cli;

import dev.hookline.deploy.services.DispatcherService;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hookline dispatcher}: the command dispatcher alone, against an existing Kafka cluster. */
@Command(name = "dispatcher", mixinStandardHelpOptions = true,
        description = "Run the command dispatcher (phone.commands.v1 to the phones' Action URI) against an existing Kafka cluster.")
public final class DispatcherCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: kafka.bootstrap.servers of the config, else localhost:9092).")
    String bootstrapServers;

    @Mixin
    ServiceOptions service;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> values = service.values(Map.of());
        return ServiceRunner.runUntilStopped(new DispatcherService(values, "--set management.port"), bootstrapServers,
                values, spec.commandLine().getOut());
    }
}
