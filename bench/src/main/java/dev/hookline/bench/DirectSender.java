package dev.hookline.bench;

import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.PhoneHttpRequest;
import dev.hookline.dispatcher.driver.PhoneTarget;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: the HTTP requests the dispatcher's drivers make of the commands, sent straight to
 * the phones with a plain Vert.x HTTP client, without Kafka. Like the dispatcher: one request at
 * a time per phone, in order, one connection per phone, no keep-alive, Basic login up front, all
 * requests on one event loop; unlike it: no rate limit, no results.
 */
final class DirectSender implements AutoCloseable {

    /** One request as the driver built it, for its phone. */
    record Prepared(PhoneTarget target, PhoneHttpRequest request) {
    }

    /** Per request: when it was asked for, when its answer was read (ms since the epoch) and the status (-1: error). */
    record Outcome(long[] requestedAt, long[] answeredAt, int[] status) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpClientAgent client = vertx.httpClientBuilder()
            .with(new HttpClientOptions().setKeepAlive(false).setTcpNoDelay(true).setConnectTimeout(5000))
            .with(new PoolOptions().setHttp1MaxSize(1))
            .build();

    /**
     * Sends every request, at {@code rate} requests/s (0: all asked for at once), each phone's in order.
     *
     * @param phoneOf the phone index of each request
     */
    Outcome run(List<Prepared> requests, int[] phoneOf, int phones, double rate, double limit) throws Exception {
        int n = requests.size();
        Outcome outcome = new Outcome(new long[n], new long[n], new int[n]);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Context context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> new Lanes(requests, phoneOf, phones, limit, outcome, done).start(rate));
        done.get(180, TimeUnit.SECONDS);
        return outcome;
    }

    /** The per-phone queues; used on the sender's one context only. */
    private final class Lanes {
        private final List<Prepared> requests;
        private final int[] phoneOf;
        private final Outcome outcome;
        private final CompletableFuture<Void> done;
        private final List<ArrayDeque<Integer>> waiting;
        private final boolean[] busy;
        private final long[] nextSlot;
        private final long intervalMillis;
        private int submitted;
        private int answered;

        Lanes(List<Prepared> requests, int[] phoneOf, int phones, double limit, Outcome outcome,
              CompletableFuture<Void> done) {
            this.requests = requests;
            this.phoneOf = phoneOf;
            this.outcome = outcome;
            this.done = done;
            this.waiting = new java.util.ArrayList<>(phones);
            this.busy = new boolean[phones];
            this.nextSlot = new long[phones];
            this.intervalMillis = limit > 0 ? Math.max(1, Math.round(1000 / limit)) : 0;
            for (int i = 0; i < phones; i++) {
                waiting.add(new ArrayDeque<>());
            }
        }

        void start(double rate) {
            if (rate <= 0) {
                while (submitted < requests.size()) {
                    submit(submitted++);
                }
                return;
            }
            long start = System.nanoTime();
            vertx.setPeriodic(1, 5, timer -> {
                long due = Math.min(requests.size(), (long) ((System.nanoTime() - start) / 1e9 * rate) + 1);
                while (submitted < due) {
                    submit(submitted++);
                }
                if (submitted == requests.size()) {
                    vertx.cancelTimer(timer);
                }
            });
        }

        private void submit(int k) {
            outcome.requestedAt()[k] = System.currentTimeMillis();
            int phone = phoneOf[k];
            if (busy[phone]) {
                waiting.get(phone).add(k);
            } else {
                busy[phone] = true;
                send(k);
            }
        }

        /** Like the dispatcher's pacer: a phone's requests start at least 1/limit s apart. */
        private void send(int k) {
            int phone = phoneOf[k];
            long now = System.currentTimeMillis();
            long slot = Math.max(now, nextSlot[phone]);
            nextSlot[phone] = slot + intervalMillis;
            if (slot > now) {
                vertx.setTimer(slot - now, timer -> exchangeAndNext(k));
            } else {
                exchangeAndNext(k);
            }
        }

        private void exchangeAndNext(int k) {
            exchange(requests.get(k)).onComplete(result -> {
                outcome.answeredAt()[k] = System.currentTimeMillis();
                outcome.status()[k] = result.succeeded() ? result.result() : -1;
                int phone = phoneOf[k];
                Integer next = waiting.get(phone).poll();
                if (next != null) {
                    send(next);
                } else {
                    busy[phone] = false;
                }
                if (++answered == requests.size()) {
                    done.complete(null);
                }
            });
        }
    }

    private Future<Integer> exchange(Prepared prepared) {
        PhoneHttpRequest request = prepared.request();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method().toUpperCase(Locale.ROOT)))
                .setHost(prepared.target().address())
                .setPort(prepared.target().port())
                .setURI(request.pathAndQuery())
                .setIdleTimeout(5000);
        request.headers().forEach(options::putHeader);
        switch (request.auth()) {
            case BASIC, BASIC_OR_DIGEST -> request.credentials()
                    .ifPresent(login -> options.putHeader(HttpHeaders.AUTHORIZATION, basic(login)));
            case NONE -> {
                // No login.
            }
        }
        return client.request(options)
                .compose(outgoing -> request.body() == null ? outgoing.send() : outgoing.send(request.body()))
                .compose(response -> response.body().map(body -> response.statusCode()));
    }

    private static String basic(Credentials login) {
        return "Basic " + Base64.getEncoder().encodeToString((login.username() + ":" + login.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        client.close();
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the direct sender did not stop within 10 s", e);
        }
    }
}
