package dev.hookline.deploy.cli;

import dev.hookline.deploy.services.ProcessorService;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hookline processor}: the stream processor alone, against an existing Kafka cluster. */
@Command(name = "processor", mixinStandardHelpOptions = true,
        description = "Run the stream processor (Kafka Streams, exactly once) against an existing Kafka cluster.")
public final class ProcessorCommand implements Callable<Integer> {

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
        return ServiceRunner.runUntilStopped(new ProcessorService(values, "--set query.port"), bootstrapServers, values,
                spec.commandLine().getOut());
    }
}
