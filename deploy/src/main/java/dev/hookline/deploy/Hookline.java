package dev.hookline.deploy;

import dev.hookline.deploy.cli.ErrorHandler;
import dev.hookline.deploy.cli.CommandCommand;
import dev.hookline.deploy.cli.DispatcherCommand;
import dev.hookline.deploy.cli.DlqCommand;
import dev.hookline.deploy.cli.ExplainCommand;
import dev.hookline.deploy.cli.GatewayCommand;
import dev.hookline.deploy.cli.LocalCommand;
import dev.hookline.deploy.cli.ProcessorCommand;
import dev.hookline.deploy.cli.ProvisionCommand;
import dev.hookline.deploy.cli.ReplayCommand;
import dev.hookline.deploy.cli.SettingsCommand;
import dev.hookline.deploy.cli.SimulateCommand;
import dev.hookline.deploy.cli.TailCommand;
import dev.hookline.deploy.cli.TopicsCommand;
import dev.hookline.deploy.cli.UsersCommand;
import dev.hookline.schema.SchemaTrust;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code hookline} command line: one entry point with a sub-command per task. */
@Command(
        name = "hookline",
        mixinStandardHelpOptions = true,
        versionProvider = Hookline.Version.class,
        description = "IP-phone Action URL events into Apache Kafka.",
        subcommands = {LocalCommand.class, GatewayCommand.class, ProcessorCommand.class, DispatcherCommand.class, CommandCommand.class, TopicsCommand.class, TailCommand.class, DlqCommand.class, ExplainCommand.class, ProvisionCommand.class, SettingsCommand.class, ReplayCommand.class, SimulateCommand.class, UsersCommand.class, CommandLine.HelpCommand.class})
public final class Hookline {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean verbose;

    public static void main(String[] args) {
        // The jar also holds the testkit's log4j2-test.xml (the simulator lives there), which log4j
        // would prefer over log4j2.xml: name the command's own logging before anything logs.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:log4j2.xml");
        }
        SchemaTrust.install();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run sub-commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Hookline());
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Hookline.class.getPackage().getImplementationVersion();
            return new String[] {"hookline " + (version == null ? "development build" : version)};
        }
    }
}
