package dev.hookline.bench.chaos;

import dev.hookline.bench.chaos.RunFiles.Phone;
import dev.hookline.bench.chaos.RunFiles.Request;
import dev.hookline.deploy.sim.ProvisionedVendors;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.sim.PhoneIdentity;
import dev.hookline.testkit.sim.SentRequest;
import dev.hookline.testkit.sim.SimulationReport;
import dev.hookline.testkit.sim.SimulationSettings;
import dev.hookline.testkit.sim.Simulator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The chaos soak's load: simulated phones of every vendor (each on its own loopback address,
 * serving its Action URI, each call with a party of its own) calling a gateway for the run's
 * duration, and DIAL commands to them throughout. Then it waits for every command's result and
 * the phones' last calls, and writes what the phones and the sender were told to the run folder
 * ({@link RunFiles}) for {@link ChaosVerify}.
 *
 * <p>Usage: ChaosFleet BOOTSTRAP GATEWAY_URL ACTION_URI_PORT PHONES CALLS_PER_S DURATION_S SEED
 * COMMAND_PAUSE_MS RUN_DIR
 */
public final class ChaosFleet {

    private ChaosFleet() {
    }

    public static void main(String[] args) throws Exception {
        SchemaTrust.install();
        String bootstrap = args[0];
        String gateway = args[1];
        int actionUriPort = Integer.parseInt(args[2]);
        int phones = Integer.parseInt(args[3]);
        double callRate = Double.parseDouble(args[4]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[5]));
        long seed = Long.parseLong(args[6]);
        Duration commandPause = Duration.ofMillis(Long.parseLong(args[7]));
        RunFiles files = new RunFiles(Path.of(args[8]));

        SimulationSettings settings = SimulationSettings.builder(
                        ProvisionedVendors.templates(ProvisionedVendors.all(), gateway, Optional.empty()))
                .phones(phones).callsPerSecond(callRate).duration(duration).timeScale(0.05).seed(seed)
                .actionUri(actionUriPort).distinctParties(true).build();
        long started = System.nanoTime();
        try (Simulator sim = Simulator.start(settings)) {
            List<String> devices = sim.fleet().phones().stream().map(PhoneIdentity::deviceId).toList();
            say("%d phones calling %s at %.1f calls/s for %d s (seed %d)", phones, gateway, callRate,
                    duration.toSeconds(), seed);
            // Faults and commands once every phone has registered: the dispatcher knows where each is, and
            // every line's registration is in Kafka (the check expects each line REGISTERED at the end).
            Thread.sleep(Duration.ofSeconds(5).plusMillis(phones * 1000L / 200).toMillis());
            SimulationReport booted = sim.report();
            if (booted.failed() > 0) {
                say("FAILED: %d of %d requests were not acknowledged before any fault: %s", booted.failed(),
                        booted.sent(), booted.statuses());
                System.exit(1);
            }
            say("every phone registered (%d requests acknowledged); faults may begin", booted.acknowledged());
            DialCommands dials = new DialCommands(bootstrap, devices, commandPause, seed);
            try {
                Thread.sleep(Math.max(0, duration.toMillis() - (System.nanoTime() - started) / 1_000_000));
            } finally {
                dials.close();
            }
            Set<String> sent = dials.sent();
            Set<String> unconfirmed = dials.unconfirmed();
            say("calls and commands stopped; waiting for the results of %d commands", sent.size());
            try (TopicReader<CommandResult> results = new TopicReader<>(bootstrap,
                    Topics.PHONE_COMMAND_RESULTS)) {
                boolean answered = waitFor(Duration.ofMinutes(4), () -> results.values().stream()
                        .map(r -> String.valueOf(r.getCommandId())).collect(Collectors.toSet()).containsAll(sent));
                say("%s", answered ? "every command answered" : "some commands still without a result after 4 min");
            }
            sim.stopCalls();
            boolean idle = waitFor(Duration.ofMinutes(3), sim::idle);
            SimulationReport report = sim.report();
            say("%s; %d requests, %d acknowledged; %d calls acknowledged, %d not (%d dialed)",
                    idle ? "every call played" : "calls still under way after 3 min", report.sent(),
                    report.acknowledged(), report.expected().size(), report.unconfirmedCalls(), report.dialed());
            files.writePhones(sim.fleet().phones().stream().map(p -> new Phone(p.deviceId(), p.address(),
                    p.vendor().vendor(), p.lineUsers())).toList());
            files.writeRequests(report.requests().stream().map(ChaosFleet::request).toList());
            files.writeCalls(report.expected(), report.unconfirmed());
            files.writeCommands(sent, unconfirmed);
        }
    }

    private static Request request(SentRequest sent) {
        URI uri = URI.create(sent.url());
        String query = uri.getRawQuery() == null || uri.getRawQuery().isEmpty() ? "" : "?" + uri.getRawQuery();
        return new Request(sent.source(), uri.getRawPath() + query, sent.status());
    }

    private static boolean waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1000);
        }
        return true;
    }

    private static void say(String format, Object... args) {
        System.out.printf("chaos fleet: " + format + "%n", args);
        System.out.flush();
    }
}
