package dev.hookline.bench.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Yealink phones calling through a gateway at a fixed event rate: each call is incoming,
 * established, terminated, and a call's next request goes out only once the previous one was
 * answered (a phone's events stay in order, as a real phone's do). Paced in 10 ms ticks; what
 * the gateway cannot take in time is not offered (counted as {@link #behind()}). Bounded by
 * duration.
 */
final class CallLoad {

    private static final List<String> CALL = List.of("incoming_call", "call_established", "call_terminated");

    /** One call's next request. */
    private record Step(int phone, long call, int index) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final int gatewayPort;
    private final int phones;
    private final int firstPhone;
    private final ArrayDeque<Step> ready = new ArrayDeque<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong behind = new AtomicLong();
    /** Why requests failed: an HTTP status or an exception's class, with counts. */
    private final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private long nextCall;
    private int nextPhone;

    CallLoad(Vertx vertx, int gatewayPort, int firstPhone, int phones, int connections) {
        this.vertx = vertx;
        this.gatewayPort = gatewayPort;
        this.firstPhone = firstPhone;
        this.phones = phones;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    static String mac(int phone) {
        return String.format("805ec1%06x", phone);
    }

    /** Runs at {@code rate} events/s for {@code seconds}; completes when the last answer came. */
    CompletableFuture<Void> run(int rate, int seconds) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long[] due = {0};
        vertx.runOnContext(ignored -> vertx.setPeriodic(10, timer -> {
            long now = System.nanoTime();
            if (now >= end) {
                vertx.cancelTimer(timer);
                waitForAnswers(done);
                return;
            }
            long shouldHaveSent = (now - start) * rate / 1_000_000_000L;
            long quota = shouldHaveSent - due[0];
            due[0] = shouldHaveSent;
            for (long i = 0; i < quota; i++) {
                if (ready.isEmpty()) {
                    startCall();
                }
                Step step = ready.poll();
                if (sent.get() - accepted.get() - failed.get() > 4000) {
                    behind.incrementAndGet();
                    ready.addFirst(step);
                    continue;
                }
                send(step);
            }
        }));
        return done;
    }

    private void startCall() {
        ready.add(new Step(firstPhone + nextPhone, nextCall++, 0));
        nextPhone = (nextPhone + 1) % phones;
    }

    private void send(Step step) {
        sent.incrementAndGet();
        String mac = mac(step.phone());
        String uri = "/yealink/" + CALL.get(step.index()) + "?mac=" + mac + "&ip=10.1." + (step.phone() / 250 % 250) + "."
                + (step.phone() % 250) + "&model=SIP-T46S&firmware=66.86.0.15&local=sip:1001@pbx.example"
                + "&remote=sip:2002@pbx.example&display_remote=Alice%20Example&call_id=" + step.call();
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(gatewayPort).setURI(uri)
                        .addHeader("User-Agent", "Yealink SIP-T46S 66.86.0.15"))
                .compose(request -> request.send())
                .onComplete(result -> {
                    if (result.succeeded() && result.result().statusCode() == 200) {
                        accepted.incrementAndGet();
                        result.result().body();
                        if (step.index() + 1 < CALL.size()) {
                            ready.add(new Step(step.phone(), step.call(), step.index() + 1));
                        }
                    } else {
                        failed(result.succeeded() ? "http-" + result.result().statusCode()
                                : result.cause().getClass().getSimpleName());
                    }
                });
    }

    private void failed(String reason) {
        failed.incrementAndGet();
        failures.computeIfAbsent(reason, key -> new AtomicLong()).incrementAndGet();
    }

    /** Failure reasons and counts, e.g. {@code http-503:12,TimeoutException:3}, or {@code none}. */
    String failureReasons() {
        if (failures.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        failures.forEach((reason, count) -> text.append(text.length() == 0 ? "" : ",").append(reason).append(':').append(count));
        return text.toString();
    }

    /** Registration of every phone once, as fast as the gateway answers (at most {@code inFlight} at a time). */
    CompletableFuture<Void> registerAll(int inFlight) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        int[] next = {0};
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (next[0] < phones && sent.get() - accepted.get() - failed.get() < inFlight) {
                int phone = firstPhone + next[0]++;
                sent.incrementAndGet();
                String mac = mac(phone);
                client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(gatewayPort)
                                .setURI("/yealink/registered?mac=" + mac + "&ip=10.2." + (phone / 250 % 250) + "." + (phone % 250)
                                        + "&model=SIP-T46S&firmware=66.86.0.15&local=sip:" + (100000 + phone) + "@pbx.example")
                                .addHeader("User-Agent", "Yealink SIP-T46S 66.86.0.15"))
                        .compose(request -> request.send())
                        .onComplete(result -> {
                            if (result.succeeded() && result.result().statusCode() == 200) {
                                accepted.incrementAndGet();
                            } else {
                                failed(result.succeeded() ? "http-" + result.result().statusCode()
                                        : result.cause().getClass().getSimpleName());
                            }
                            if (accepted.get() + failed.get() == phones) {
                                done.complete(null);
                            } else {
                                pump[0].run();
                            }
                        });
            }
        };
        vertx.runOnContext(ignored -> pump[0].run());
        return done;
    }

    private void waitForAnswers(CompletableFuture<Void> done) {
        vertx.setPeriodic(50, timer -> {
            if (accepted.get() + failed.get() >= sent.get()) {
                vertx.cancelTimer(timer);
                done.complete(null);
            }
        });
    }

    long sent() {
        return sent.get();
    }

    long accepted() {
        return accepted.get();
    }

    long failed() {
        return failed.get();
    }

    long behind() {
        return behind.get();
    }

    void reset() {
        sent.set(0);
        accepted.set(0);
        failed.set(0);
        behind.set(0);
        failures.clear();
    }
}
