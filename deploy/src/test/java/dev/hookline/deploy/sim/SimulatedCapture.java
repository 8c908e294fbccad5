package dev.hookline.deploy.sim;

import dev.hookline.gateway.capture.CaptureLine;
import dev.hookline.testkit.sim.Episode;
import dev.hookline.testkit.sim.PhoneFleet;
import dev.hookline.testkit.sim.Step;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Planned episodes as the capture a gateway would have written had the phones sent them. */
final class SimulatedCapture {

    private SimulatedCapture() {
    }

    /** Writes every step as a capture line at {@code start} plus its time, in time order. */
    static Path write(Path file, PhoneFleet fleet, List<Episode> episodes, Instant start) throws IOException {
        record Timed(Step step, int phone) {
        }
        List<Timed> steps = new ArrayList<>();
        episodes.forEach(e -> e.steps().forEach(s -> steps.add(new Timed(s, e.phone()))));
        steps.sort(Comparator.comparingLong(t -> t.step().atMillis())); // stable: a phone's order is kept
        List<String> lines = new ArrayList<>();
        for (Timed t : steps) {
            URI uri = URI.create(t.step().url());
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            lines.add(new CaptureLine(start.plusMillis(t.step().atMillis()), fleet.phone(t.phone()).address(), "GET",
                    target, Map.of("User-Agent", fleet.phone(t.phone()).userAgent()), null).toJson());
        }
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
