package dev.hookline.deploy.cli;

import dev.hookline.deploy.local.LocalService;
import dev.hookline.deploy.services.ProcessorService;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code hookline processor}: the stream processor alone, against an existing Kafka cluster. */
@Command(name = "processor", mixinStandardHelpOptions = true,
        description = "Run the stream processor (Kafka Streams, exactly once) against an existing Kafka cluster.")
public final class ProcessorCommand extends ServiceCommand {

    @Override
    LocalService service(Map<String, Object> values) {
        return new ProcessorService(values, "--set query.port");
    }
}
