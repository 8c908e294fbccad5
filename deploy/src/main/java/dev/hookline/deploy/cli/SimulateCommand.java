package dev.hookline.deploy.cli;

import dev.hookline.deploy.HooklineException;
import dev.hookline.deploy.sim.ExpectedSessionsFile;
import dev.hookline.deploy.sim.LoopbackGateway;
import dev.hookline.deploy.sim.ProvisionedVendors;
import dev.hookline.deploy.sim.SimulationSummary;
import dev.hookline.testkit.sim.SimulationReport;
import dev.hookline.testkit.sim.SimulationSettings;
import dev.hookline.testkit.sim.Simulator;
import dev.hookline.vendor.VendorCatalogue;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hookline simulate}: N simulated phones, each on its own 127.x address, sending their
 * vendor's provisioned Action URLs (registrations, then calls) to a gateway on this machine.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run simulated phones against a gateway on this machine: each phone sends the Action URLs "
                + "'hookline provision' configures, from its own 127.x address; then print a summary.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "The gateway's base URL, on a loopback address (default: ${DEFAULT-VALUE}).")
    String gateway;

    @Option(names = "--phones", defaultValue = "10", paramLabel = "N",
            description = "How many phones (default: ${DEFAULT-VALUE}).")
    int phones;

    @Option(names = "--vendors", split = ",", paramLabel = "VENDOR",
            description = "Vendors of the phones, taken in turn (default: all: ${COMPLETION-CANDIDATES}).",
            completionCandidates = ProvisionCommand.Vendors.class)
    List<String> vendors;

    @Option(names = "--call-rate", defaultValue = "1", paramLabel = "CALLS_PER_S",
            description = "Calls started per second over all phones (default: ${DEFAULT-VALUE}).")
    double callRate;

    @Option(names = "--duration", defaultValue = "PT30S", paramLabel = "DURATION",
            description = "Time in which calls start; calls under way then are played to their end (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--max-calls", defaultValue = "100000", paramLabel = "N",
            description = "Most calls in the run (default: ${DEFAULT-VALUE}).")
    int maxCalls;

    @Option(names = "--time-scale", defaultValue = "0.1", paramLabel = "FACTOR",
            description = "Compresses call durations (0.1: a 60 s call lasts 6 s; 1: real time) (default: ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(names = "--lines", defaultValue = "1", paramLabel = "N",
            description = "Accounts per phone, each registered at start (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "The same seed plays the same calls (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--token", paramLabel = "T", description = "The gateway's shared token, sent as the phones would.")
    String token;

    @Option(names = "--action-uri-port", paramLabel = "PORT",
            description = "Each phone also serves its vendor's Action URI on this port of its own address (0: any); "
                    + "a dial command makes it place the call.")
    Integer actionUriPort;

    @Option(names = "--expected", paramLabel = "FILE",
            description = "Write the sessions the run should produce in call.sessions.v1 to FILE, one JSON object a line.")
    Path expected;

    @Mixin
    VendorsDirOption vendorsDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String base = LoopbackGateway.check(gateway, "--gateway");
        VendorCatalogue catalogue = vendorsDir.catalogue();
        List<String> chosen = vendors == null || vendors.isEmpty() ? ProvisionedVendors.all(catalogue) : vendors;
        SimulationSettings settings;
        try {
            SimulationSettings.Builder builder = SimulationSettings.builder(
                            ProvisionedVendors.templates(catalogue, chosen, base, Optional.ofNullable(token)))
                    .phones(phones).linesPerPhone(lines).callsPerSecond(callRate).duration(duration).maxCalls(maxCalls)
                    .timeScale(timeScale).seed(seed).keepRequests(false);
            if (actionUriPort != null) {
                builder.actionUri(actionUriPort);
            }
            settings = builder.build();
        } catch (IllegalArgumentException e) {
            throw new HooklineException(e.getMessage() + "; check --phones, --lines, --call-rate, --duration, "
                    + "--max-calls, --time-scale and --action-uri-port", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        Simulator simulator = start(settings);
        // Ctrl-C stops the phones; the summary is then not printed.
        Thread stopper = new Thread(simulator::close, "hookline-simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        SimulationReport report;
        try {
            out.println("simulating " + SimulationSummary.fleet(simulator.fleet()) + " -> " + base + " ...");
            out.flush();
            report = simulator.awaitCompletion(duration.plus(settings.timing().longestCall()).plusSeconds(30));
        } finally {
            simulator.close();
            removeHook(stopper);
        }
        SimulationSummary.print(out, simulator.fleet(), base, report);
        if (expected != null) {
            ExpectedSessionsFile.write(expected, report.expected());
            out.println("  expected sessions written to " + expected);
            out.flush();
        }
        if (report.failed() > 0) {
            throw new HooklineException(report.failed() + " of " + report.sent() + " requests were not acknowledged"
                    + " (by status " + report.statuses() + "; 0: no answer); is the gateway at " + base
                    + " running, and --token right?");
        }
        return 0;
    }

    private static Simulator start(SimulationSettings settings) {
        try {
            return Simulator.start(settings);
        } catch (RuntimeException e) {
            throw new HooklineException("the simulated phones did not start: " + e.getMessage()
                    + (settings.actionUri() ? "; is --action-uri-port free on 127.x addresses?" : ""), e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is stopping: the hook runs anyway, and closing twice is harmless.
        }
    }
}
