package dev.hookline.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A phone sending numbered Action URL GETs to a gateway from a background thread, bounded in
 * count, remembering which numbers the gateway acknowledged with 200.
 */
final class PhoneTraffic implements AutoCloseable {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    PhoneTraffic(int gatewayPort, int maxRequests, Duration pause) {
        thread = new Thread(() -> {
            for (int n = 0; n < maxRequests && !stop.get(); n++) {
                if (send(gatewayPort, n)) {
                    acknowledged.add(n);
                } else {
                    refused.incrementAndGet();
                }
                sleep(pause);
            }
        }, "phone-traffic");
        thread.start();
    }

    private boolean send(int port, int n) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/yealink/off_hook?mac=805ec0a1b2c3&n=" + n);
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Set<Integer> acknowledged() {
        return acknowledged;
    }

    int refused() {
        return refused.get();
    }

    /** Stops sending and waits for the request in flight. */
    void stop() {
        stop.set(true);
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
