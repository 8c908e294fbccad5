package dev.hookline.bench.chaos;

import dev.hookline.schema.CallSession;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The chaos soak's verdict: waits (bounded) for the pipeline to settle after the faults, checks
 * the invariants ({@link ChaosCheck}) against the topics, writes the report and exits 1 when one
 * failed. Once they hold it looks again 10 s later, so a session or result written twice late
 * still counts.
 *
 * <p>Usage: ChaosVerify BOOTSTRAP RUN_DIR FAULT_LOG REPORT_MD PHONES CALLS_PER_S COMMAND_PAUSE_MS DURATION_S SEED
 */
public final class ChaosVerify {

    private static final Duration SETTLE = Duration.ofMinutes(3);

    private ChaosVerify() {
    }

    public static void main(String[] args) throws Exception {
        SchemaTrust.install();
        String bootstrap = args[0];
        RunFiles files = new RunFiles(Path.of(args[1]));
        FaultLog faults = FaultLog.read(Path.of(args[2]));
        Path report = Path.of(args[3]);
        ChaosReport.Settings settings = new ChaosReport.Settings(Integer.parseInt(args[4]), Double.parseDouble(args[5]),
                Long.parseLong(args[6]), Long.parseLong(args[7]), Long.parseLong(args[8]));
        Verdict verdict;
        try (TopicReader<RawPhoneRequest> raw = new TopicReader<>(bootstrap, Topics.PHONE_RAW);
             TopicReader<CallSession> sessions = new TopicReader<>(bootstrap, Topics.CALL_SESSIONS);
             TopicReader<CommandResult> results = new TopicReader<>(bootstrap, Topics.PHONE_COMMAND_RESULTS);
             TopicReader<LineStatus> lines = new TopicReader<>(bootstrap, Topics.LINE_STATUS)) {
            Check check = () -> ChaosCheck.check(new ChaosCheck.Input(files.phones(), files.requests(),
                    files.acknowledgedCalls(), files.unconfirmedCalls(), files.commandsSent(), files.commandsUnconfirmed(),
                    raw.values(), sessions.values(), results.values(), lines.latest()));
            long deadline = System.nanoTime() + SETTLE.toNanos();
            verdict = check.run();
            while (!verdict.passed() && System.nanoTime() < deadline) {
                Thread.sleep(5000);
                verdict = check.run();
            }
            Thread.sleep(10_000);
            verdict = check.run();
        }
        ChaosReport.write(report, settings, faults, verdict);
        System.out.println("chaos check: " + (verdict.passed() ? "PASSED" : "FAILED: " + verdict.failures())
                + " (report: " + report + ")");
        System.exit(verdict.passed() ? 0 : 1);
    }

    @FunctionalInterface
    private interface Check {
        Verdict run();
    }
}
