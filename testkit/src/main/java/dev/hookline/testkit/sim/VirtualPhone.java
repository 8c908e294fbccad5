package dev.hookline.testkit.sim;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One phone at run time: plays its episodes' requests in order, each when its time has come and
 * the previous one is answered (as a phone does, so the gateway receives them in order), from its
 * own source address. Everything runs on the phone's Vert.x context.
 */
final class VirtualPhone {

    /** Where a phone reports what it did. */
    interface Sink {
        long elapsedMillis();

        void sent(SentRequest request);

        void episodeDone(Episode episode, boolean allAcknowledged);
    }

    /** A step waiting to be sent, with its episode's progress. */
    private record Queued(Step step, EpisodeProgress progress) {
    }

    /** Counts an episode's requests down; told the outcome of each. */
    private static final class EpisodeProgress {
        final Episode episode;
        int left;
        boolean allAcknowledged = true;

        EpisodeProgress(Episode episode) {
            this.episode = episode;
            this.left = episode.steps().size();
        }
    }

    private final PhoneIdentity identity;
    private final Context context;
    private final Vertx vertx;
    private final HttpClientAgent client;
    private final Sink sink;
    private final long requestTimeoutMillis;
    private final long gapMillis;
    private final Deque<Queued> queue = new ArrayDeque<>();
    private long queueEnd = Long.MIN_VALUE;
    private boolean busy;
    private long timer = -1;
    private boolean stopped;

    VirtualPhone(PhoneIdentity identity, Vertx vertx, Context context, Sink sink, long requestTimeoutMillis,
                 long gapMillis) {
        this.identity = identity;
        this.vertx = vertx;
        this.context = context;
        this.sink = sink;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.gapMillis = gapMillis;
        // Its own client bound to its own address: the gateway sees one source address per phone.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setLocalAddress(identity.address())
                        .setKeepAlive(true)
                        .setConnectTimeout((int) Math.min(requestTimeoutMillis, 5_000))
                        .setIdleTimeout(30),
                new PoolOptions().setHttp1MaxSize(1));
    }

    PhoneIdentity identity() {
        return identity;
    }

    /** Queues an episode after what is queued (shifted later if it would overlap). */
    void enqueue(Episode episode) {
        context.runOnContext(v -> {
            if (stopped) {
                return;
            }
            long shift = queueEnd == Long.MIN_VALUE ? 0 : Math.max(0, queueEnd + gapMillis - episode.startMillis());
            EpisodeProgress progress = new EpisodeProgress(episode);
            for (Step step : episode.steps()) {
                queue.add(new Queued(step.shifted(shift), progress));
            }
            queueEnd = episode.endMillis() + shift;
            pump();
        });
    }

    /** Stops sending (a request under way still completes or fails) and closes the client. */
    Future<Void> stop() {
        Future<Void> stoppedOnContext = Future.future(promise -> context.runOnContext(v -> {
            stopped = true;
            queue.clear();
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            promise.complete();
        }));
        return stoppedOnContext.compose(v -> client.close());
    }

    private void pump() {
        if (busy || stopped || queue.isEmpty()) {
            return;
        }
        Queued next = queue.peek();
        long wait = next.step().atMillis() - sink.elapsedMillis();
        busy = true;
        if (wait > 0) {
            timer = vertx.setTimer(wait, id -> {
                timer = -1;
                busy = false;
                pump();
            });
            return;
        }
        queue.poll();
        send(next);
    }

    private void send(Queued queued) {
        String url = queued.step().url();
        Instant sentAt = Instant.now();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .putHeader("User-Agent", identity.userAgent()).setTimeout(requestTimeoutMillis);
        client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode()))
                .onComplete(result -> {
                    int status = result.succeeded() ? result.result() : 0;
                    String error = result.succeeded() ? null : String.valueOf(result.cause());
                    sink.sent(new SentRequest(sentAt, identity.index(), identity.address(), url, status, error));
                    EpisodeProgress progress = queued.progress();
                    progress.allAcknowledged &= status == 200;
                    if (--progress.left == 0) {
                        sink.episodeDone(progress.episode, progress.allAcknowledged);
                    }
                    busy = false;
                    pump();
                });
    }
}
