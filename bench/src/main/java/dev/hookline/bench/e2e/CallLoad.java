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
 * Yealink phones sending a flow of requests through a gateway at a fixed event rate, a flow's
 * next request going out only once the previous one was answered (a phone's events stay in
 * order, as a real phone's do). Paced in 10 ms ticks; what the gateway cannot take in time is not
 * offered (counted as {@link #behind()}). Bounded by duration.
 */
final class CallLoad {

    /** What each phone sends, in order. */
    enum Flow {
        /** A call: incoming, established, terminated; phones call again and again. */
        CALL(List.of("incoming_call", "call_established", "call_terminated")),
        /**
         * A phone starting after a power cut: set-up completed, then both of its lines register.
         * Each phone boots once.
         */
        BOOT(List.of("setup_completed", "registered", "registered"));

        final List<String> events;

        Flow(List<String> events) {
            this.events = events;
        }
    }

    /** One call's next request. */
    private record Step(int phone, long call, int index) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final int gatewayPort;
    private final int phones;
    private final int firstPhone;
    private final Flow flow;
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
        this(vertx, gatewayPort, firstPhone, phones, connections, Flow.CALL);
    }

    CallLoad(Vertx vertx, int gatewayPort, int firstPhone, int phones, int connections, Flow flow) {
        this.vertx = vertx;
        this.flow = flow;
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
            // A phone's next request joins "ready" when the previous one is answered: done when none is out.
            boolean allBooted = flow == Flow.BOOT && nextCall >= phones && ready.isEmpty()
                    && sent.get() == accepted.get() + failed.get();
            if (now >= end || allBooted) {
                vertx.cancelTimer(timer);
                waitForAnswers(done);
                return;
            }
            long shouldHaveSent = (now - start) * rate / 1_000_000_000L;
            long quota = shouldHaveSent - due[0];
            due[0] = shouldHaveSent;
            for (long i = 0; i < quota; i++) {
                if (ready.isEmpty() && !startFlow()) {
                    break; // every phone has booted
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

    /** Starts the next phone's flow; false when every phone has booted (a boot flow runs once per phone). */
    private boolean startFlow() {
        if (flow == Flow.BOOT && nextCall >= phones) {
            return false;
        }
        ready.add(new Step(firstPhone + nextPhone, nextCall++, 0));
        nextPhone = (nextPhone + 1) % phones;
        return true;
    }

    private String uri(Step step) {
        String mac = mac(step.phone());
        String event = flow.events.get(step.index());
        // One address per phone, as on a real site (10.x.y.z from the phone's number).
        int n = step.phone();
        String phone = "mac=" + mac + "&ip=10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255)
                + "&model=SIP-T46S&firmware=66.86.0.15";
        if (flow == Flow.BOOT) {
            // setup_completed carries no account; each "registered" is one of the phone's two lines.
            return "/yealink/" + event + "?" + phone
                    + (step.index() == 0 ? "" : "&local=sip:" + (step.index() * 1_000_000 + step.phone()) + "@pbx.example");
        }
        return "/yealink/" + event + "?" + phone + "&local=sip:1001@pbx.example"
                + "&remote=sip:2002@pbx.example&display_remote=Alice%20Example&call_id=" + step.call();
    }

    private void send(Step step) {
        sent.incrementAndGet();
        String uri = uri(step);
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(gatewayPort).setURI(uri)
                        .addHeader("User-Agent", "Yealink SIP-T46S 66.86.0.15"))
                .compose(request -> request.send())
                .onComplete(result -> {
                    if (result.succeeded() && result.result().statusCode() == 200) {
                        accepted.incrementAndGet();
                        result.result().body();
                        if (step.index() + 1 < flow.events.size()) {
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
}
