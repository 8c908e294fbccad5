package dev.hookline.bench.liveview;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.schema.AvroJson;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A second listener of the live view's event stream, outside the browser: counts the events the
 * processor sends, so the events the page applies can be set against what it was given (the
 * page falls behind when its count grows slower than this one), and notes when the line status
 * of a watched phone arrives, so a marker's way is split into processor and page.
 */
final class FeedCounter implements AutoCloseable {

    /** A watched phone's line status as it arrived: when (wall clock), and its availability. */
    record LineSeen(long atMillis, String availability) {
    }

    private final AtomicLong events = new AtomicLong();
    private final Set<String> watched;
    private final Map<String, List<LineSeen>> seen = new ConcurrentHashMap<>();
    private final Thread reader;
    private final InputStream body;

    FeedCounter(String baseUrl, Set<String> watchedDevices) throws Exception {
        watched = Set.copyOf(watchedDevices);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/view/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/api/view/events answered " + response.statusCode());
        }
        body = response.body();
        reader = new Thread(this::read, "bench-feed-counter");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String type = "";
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    events.incrementAndGet();
                    type = line.substring(7);
                } else if (type.equals("line") && line.startsWith("data: ")) {
                    noteLine(line.substring(6));
                }
            }
        } catch (java.io.IOException closed) {
            // close(), or the processor went away: the count stops.
        }
    }

    private void noteLine(String data) throws java.io.IOException {
        for (String device : watched) {
            if (data.contains(device)) {
                JsonNode line = AvroJson.MAPPER.readTree(data);
                if (device.equals(line.path("deviceId").asText())) {
                    seen.computeIfAbsent(device, key -> new CopyOnWriteArrayList<>())
                            .add(new LineSeen(System.currentTimeMillis(), line.path("availability").asText()));
                }
            }
        }
    }

    /** When the watched phone's line first arrived with this availability at or after {@code sinceMillis}; -1 if not yet. */
    long lineSeen(String deviceId, String availability, long sinceMillis) {
        for (LineSeen line : seen.getOrDefault(deviceId, List.of())) {
            if (line.atMillis() >= sinceMillis && line.availability().equals(availability)) {
                return line.atMillis();
            }
        }
        return -1;
    }

    /** Events received so far. */
    long events() {
        return events.get();
    }

    @Override
    public void close() throws java.io.IOException {
        body.close();
    }
}
