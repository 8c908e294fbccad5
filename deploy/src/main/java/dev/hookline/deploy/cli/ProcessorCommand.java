package dev.hookline.deploy.cli;

import dev.hookline.deploy.services.ProcessorService;
import dev.hookline.processor.ProcessorConfig;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
        String bootstrap = bootstrapServers != null ? bootstrapServers
                : (String) values.getOrDefault(ProcessorConfig.KAFKA_PREFIX + "bootstrap.servers", "localhost:9092");
        String prefix = (String) values.getOrDefault(ProcessorConfig.TOPIC_PREFIX, "");
        ProcessorService processor = new ProcessorService(values);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            processor.close();
            stopped.countDown();
        }, "hookline-processor-shutdown"));
        String state = processor.start(bootstrap, prefix);
        PrintWriter out = spec.commandLine().getOut();
        out.println("stream processor " + state + " -> Kafka at " + bootstrap);
        out.flush();
        stopped.await();
        return 0;
    }
}
