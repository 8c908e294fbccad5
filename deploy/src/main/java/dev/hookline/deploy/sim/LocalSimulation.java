package dev.hookline.deploy.sim;

import dev.hookline.deploy.HooklineException;
import dev.hookline.testkit.sim.SimulationSettings;
import dev.hookline.testkit.sim.Simulator;
import dev.hookline.vendor.VendorCatalogue;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code hookline local --simulate N}: N simulated phones of every vendor calling the local
 * gateway, each about every ten seconds, on a clock compressed 20 times so calls end (and show
 * in {@code call.sessions.v1}) within seconds. Bounded: calls start for an hour at most.
 */
public final class LocalSimulation implements AutoCloseable {

    /** A phone starts a call about this often, in seconds. */
    private static final double SECONDS_BETWEEN_CALLS = 10;
    private static final double TIME_SCALE = 0.05;
    private static final Duration DURATION = Duration.ofHours(1);

    private final Simulator simulator;
    private final String gateway;
    private final PrintWriter out;

    private LocalSimulation(Simulator simulator, String gateway, PrintWriter out) {
        this.simulator = simulator;
        this.gateway = gateway;
        this.out = out;
    }

    /**
     * @param vendors       the gateway's vendor catalogue: its vendors that can be provisioned and simulated are played
     * @param actionUriPort the port each phone serves its vendor's Action URI on (its own 127.x address), where the
     *                      dispatcher's commands reach it
     */
    public static LocalSimulation start(int phones, String gateway, Optional<String> token, VendorCatalogue vendors,
                                        int actionUriPort, PrintWriter out) {
        SimulationSettings settings;
        try {
            settings = SimulationSettings.builder(ProvisionedVendors.templates(vendors, ProvisionedVendors.all(vendors),
                            gateway, token))
                    .phones(phones).callsPerSecond(phones / SECONDS_BETWEEN_CALLS).duration(DURATION)
                    .timeScale(TIME_SCALE).seed(System.currentTimeMillis()).keepRequests(false)
                    .actionUri(actionUriPort).build();
        } catch (IllegalArgumentException e) {
            throw new HooklineException("--simulate: " + e.getMessage(), e);
        }
        try {
            return new LocalSimulation(Simulator.start(settings), gateway, out);
        } catch (RuntimeException e) {
            throw new HooklineException("the simulated phones did not start: " + e.getMessage(), e);
        }
    }

    /** What runs, for the start-up banner. */
    public String describe() {
        return SimulationSummary.fleet(simulator.fleet()) + ", " + simulator.settings().callsPerSecond()
                + " calls/s -> " + gateway;
    }

    /** Stops the phones and prints what they did. */
    @Override
    public void close() {
        simulator.close();
        SimulationSummary.print(out, simulator.fleet(), gateway, simulator.report());
    }
}
