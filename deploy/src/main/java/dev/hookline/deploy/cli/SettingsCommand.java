package dev.hookline.deploy.cli;

import dev.hookline.service.config.ConfigTable;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.processor.ProcessorConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hookline settings SERVICE}: a service's settings with defaults, as the README's Markdown table. */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Print a service's settings (name, environment variable, default, description) as a Markdown table.")
public final class SettingsCommand implements Callable<Integer> {

    /** Services with settings. */
    enum Service { gateway, processor, dispatcher }

    @Parameters(index = "0", paramLabel = "SERVICE", description = "One of: ${COMPLETION-CANDIDATES}.")
    Service service;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(switch (service) {
            case gateway -> GatewayConfig.settingsTable();
            case processor -> ConfigTable.markdown(ProcessorConfig.DEFINITION);
            case dispatcher -> ConfigTable.markdown(DispatcherConfig.DEFINITION);
        });
        spec.commandLine().getOut().flush();
        return 0;
    }
}
