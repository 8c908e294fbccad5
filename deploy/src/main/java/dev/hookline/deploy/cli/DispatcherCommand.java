package dev.hookline.deploy.cli;

import dev.hookline.deploy.local.LocalService;
import dev.hookline.deploy.services.DispatcherService;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code hookline dispatcher}: the command dispatcher alone, against an existing Kafka cluster. */
@Command(name = "dispatcher", mixinStandardHelpOptions = true,
        description = "Run the command dispatcher (phone.commands.v1 to the phones' Action URI) against an existing Kafka cluster.")
public final class DispatcherCommand extends ServiceCommand {

    @Override
    LocalService service(Map<String, Object> values) {
        return new DispatcherService(values, "--set management.port");
    }
}
