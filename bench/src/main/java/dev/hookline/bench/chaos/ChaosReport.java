package dev.hookline.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** bench/results/chaos.md: what ran, the faults, and each invariant's figures. */
final class ChaosReport {

    /** How the run was set up (bench/chaos.sh's settings). */
    record Settings(int phones, double callsPerSecond, long commandPauseMillis, long durationSeconds, long seed) {
    }

    private ChaosReport() {
    }

    static void write(Path file, Settings settings, FaultLog faults, Verdict v) {
        StringBuilder md = new StringBuilder();
        line(md, "# Chaos soak");
        line(md, "");
        line(md, "Run on %s, %d cores, seed %d, %d s of faults. `hookline local --brokers 3 --services none` (three brokers,",
                Instant.now().truncatedTo(ChronoUnit.MINUTES), Runtime.getRuntime().availableProcessors(), settings.seed(),
                settings.durationSeconds());
        line(md, "each its own JVM; 3 replicas, min.insync.replicas=2), the gateway, the processor and the dispatcher each its own");
        line(md, "JVM, and %d simulated phones of every vendor (each on its own loopback address, serving its Action URI)",
                settings.phones());
        line(md, "calling at %.1f calls/s on a clock 20 times faster, with a DIAL command to a random phone every %d ms, all on",
                settings.callsPerSecond(), settings.commandPauseMillis());
        line(md, "this machine. Reproduce: `bench/chaos.sh --duration %d --seed %d`.", settings.durationSeconds(), settings.seed());
        line(md, "");
        line(md, "**%s**%s", v.passed() ? "PASSED" : "FAILED", v.passed() ? ": every invariant held." : ":");
        for (String failure : v.failures()) {
            line(md, "- %s", failure);
        }
        line(md, "");
        line(md, "## Faults: %d (kill -9, then started again)", faults.faults().size());
        line(md, "");
        line(md, "| gateway | processor | dispatcher | broker |");
        line(md, "| --- | --- | --- | --- |");
        line(md, "| %d | %d | %d | %d |", count(faults, "gateway"), count(faults, "processor"), count(faults, "dispatcher"),
                count(faults, "broker"));
        line(md, "");
        line(md, "A killed service is started again by the script at once, on the same port and folder (the gateway's spool,");
        line(md, "the processor's state); a killed broker is started again by local mode after `--broker-restart-delay`, and");
        line(md, "the next broker is killed only once all three run. Faults come at random gaps drawn from the seed.");
        line(md, "");
        line(md, "## Invariants");
        line(md, "");
        line(md, "| invariant | checked | broken |");
        line(md, "| --- | --- | --- |");
        line(md, "| every acknowledged request in `phone.raw.v1` | %d acknowledged of %d sent (%d stored) | %d lost |",
                v.requestsAcknowledged(), v.requestsSent(), v.rawRecords(), v.lostRequests().size());
        line(md, "| every acknowledged call exactly one session | %d acknowledged calls (%d not acknowledged, left out), %d sessions "
                + "| %d lost, %d duplicated |", v.callsAcknowledged(), v.callsUnconfirmed(), v.sessions(), v.lostCalls().size(),
                v.duplicatedCalls().size());
        line(md, "| ... with the outcome the simulator played | %d | %d wrong |", v.callsAcknowledged(), v.wrongOutcomes().size());
        line(md, "| every command exactly one result | %d commands sent, results %s | %d without, %d with two or more |",
                v.commandsSent(), v.resultsByStatus(), v.commandsWithoutResult().size(), v.commandsAnsweredTwice().size());
        line(md, "| every line REGISTERED and AVAILABLE at the end | %d lines | %d wrong |", v.linesChecked(),
                v.wrongLines().size());
        line(md, "");
        details(md, "Lost requests", v.lostRequests());
        details(md, "Lost calls", v.lostCalls());
        details(md, "Duplicated calls", v.duplicatedCalls());
        details(md, "Wrong outcomes", v.wrongOutcomes());
        details(md, "Commands without a result", v.commandsWithoutResult());
        details(md, "Commands with two results", v.commandsAnsweredTwice());
        details(md, "Wrong lines", v.wrongLines());
        line(md, "## What counts as acknowledged");
        line(md, "");
        line(md, "A phone's request is acknowledged when the gateway answered it 200: only then is it stored (in Kafka with");
        line(md, "acks=all, or in the fsynced spool). A gateway killed with -9 loses the requests it had not answered, and");
        line(md, "a stopped gateway refuses connections; phones do not send an Action URL again, so those requests are gone");
        line(md, "by design. A call counts as acknowledged only when every one of its requests got a 200; a call with one");
        line(md, "request not acknowledged may show as a session, in part, or not at all, and is left out of the call check");
        line(md, "(%d such calls here). A lost hang-up leaves a call open in the processor, which cannot know the phone", v.callsUnconfirmed());
        line(md, "hung up, until `call.timeout.ms` closes it UNKNOWN: the soak sets that to 60 s (4 h by default), so every");
        line(md, "line must end REGISTERED and AVAILABLE; the phones register before the first fault. Each call of a phone");
        line(md, "has a party of its own, so a session is matched to its call by phone and party. A command counts as sent when");
        line(md, "Kafka acknowledged it (%d were not, and are not checked). The dispatcher sends a command again when it", v.commandsUnconfirmed());
        line(md, "crashed after the phone got it and before its result was stored (at least once towards phones, one result");
        line(md, "per command): %d dialed calls were placed twice here, each its own session.", v.dialsPlayedTwice());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static long count(FaultLog faults, String kind) {
        return faults.byKind().getOrDefault(kind, 0L);
    }

    private static void details(StringBuilder md, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        line(md, "### %s (%d)", title, items.size());
        line(md, "");
        items.stream().limit(20).forEach(item -> line(md, "- `%s`", item));
        line(md, "");
    }

    private static void line(StringBuilder md, String format, Object... args) {
        md.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
