package dev.hookline.deploy.sim;

import dev.hookline.testkit.sim.ExpectedCall;
import dev.hookline.testkit.sim.PhoneFleet;
import dev.hookline.testkit.sim.PhoneIdentity;
import dev.hookline.testkit.sim.SimulationReport;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The few lines {@code hookline simulate} prints about a run. */
public final class SimulationSummary {

    private SimulationSummary() {
    }

    /** Which phones: count, vendors and address range. */
    public static String fleet(PhoneFleet fleet) {
        Map<String, Long> byVendor = fleet.phones().stream().collect(Collectors.groupingBy(p -> p.vendor().vendor(),
                TreeMap::new, Collectors.counting()));
        PhoneIdentity first = fleet.phone(0);
        PhoneIdentity last = fleet.phone(fleet.size() - 1);
        return fleet.size() + " phones " + byVendor + " on " + first.address()
                + (fleet.size() > 1 ? ".." + last.address() : "");
    }

    public static void print(PrintWriter out, PhoneFleet fleet, String gateway, SimulationReport report) {
        out.printf("simulated %s -> %s for %.1f s%s%n", fleet(fleet), gateway, report.elapsed().toMillis() / 1000.0,
                report.complete() ? "" : " (stopped before the end of the plan)");
        out.printf("  requests  %d sent, %d acknowledged, %d failed  by status %s%n", report.sent(),
                report.acknowledged(), report.failed(), statuses(report.statuses()));
        out.printf("  calls     %d played (%d on dial commands), %d arrivals skipped with every phone busy%n",
                report.calls(), report.dialed(), report.skipped());
        Map<String, Long> outcomes = report.expected().stream().collect(Collectors.groupingBy(
                (ExpectedCall c) -> c.outcome().name(), TreeMap::new, Collectors.counting()));
        out.printf("  sessions  %d expected in call.sessions.v1 %s%s%n", report.expected().size(), outcomes,
                report.unconfirmedCalls() > 0 ? ", " + report.unconfirmedCalls() + " more with a request not acknowledged"
                        : "");
        out.flush();
    }

    private static String statuses(Map<Integer, Long> byStatus) {
        return byStatus.entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey() == 0 ? "no answer" : e.getKey().toString(), Map.Entry::getValue, Long::sum, TreeMap::new))
                .toString();
    }
}
