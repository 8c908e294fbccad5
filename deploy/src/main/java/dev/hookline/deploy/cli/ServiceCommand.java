package dev.hookline.deploy.cli;

import dev.hookline.deploy.local.LocalService;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code hookline gateway}, {@code processor} and {@code dispatcher} share: one service alone
 * against an existing Kafka cluster, its settings from file, environment and options, running
 * until stopped.
 */
abstract class ServiceCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: kafka.bootstrap.servers of the config, else localhost:9092).")
    String bootstrapServers;

    @Mixin
    ServiceOptions service;

    @Spec
    CommandSpec spec;

    /** Settings given by the command's own options; they win over file, environment and --set. */
    Map<String, Object> optionSettings() {
        return Map.of();
    }

    /** The service, from its settings. */
    abstract LocalService service(Map<String, Object> values);

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> values = service.values(optionSettings());
        return ServiceRunner.runUntilStopped(service(values), bootstrapServers, values, spec.commandLine().getOut());
    }
}
