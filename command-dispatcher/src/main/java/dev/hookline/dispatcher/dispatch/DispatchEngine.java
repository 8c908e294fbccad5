package dev.hookline.dispatcher.dispatch;

import dev.hookline.dispatcher.DispatcherMetrics;
import dev.hookline.dispatcher.kafka.ResultPublisher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on one Vert.x context: into their device's lane, through the
 * {@link CommandHandler}, and their results to Kafka. Everything it owns is touched only on that
 * context, so nothing here needs a lock. A lane moves on as soon as its result is handed to the
 * publisher; the record counts as done (committable) only when Kafka acknowledged the result.
 */
public final class DispatchEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchEngine.class);

    private final Context context;
    private final DeviceLanes lanes = new DeviceLanes();
    private final CommandHandler handler;
    private final ResultPublisher publisher;
    private final CommandLedger ledger;
    private final DispatcherMetrics metrics;
    private final Predicate<TopicPartition> owned;
    private final CompletionSink sink;

    /**
     * @param owned whether a partition is still ours and we are not closing; a command of any other
     *              partition is not started (its next owner reads it again)
     */
    public DispatchEngine(Context context, CommandHandler handler, ResultPublisher publisher, CommandLedger ledger,
                          DispatcherMetrics metrics, Predicate<TopicPartition> owned, CompletionSink sink) {
        this.context = context;
        this.handler = handler;
        this.publisher = publisher;
        this.ledger = ledger;
        this.metrics = metrics;
        this.owned = owned;
        this.sink = sink;
    }

    /** Hands over commands in the order read; callable from any thread. */
    public void submit(List<PendingCommand> batch) {
        context.runOnContext(ignored -> batch.forEach(
                pending -> lanes.submit(pending.command().getDeviceId(), () -> run(pending))));
    }

    private Future<?> run(PendingCommand pending) {
        if (!owned.test(pending.partition())) {
            sink.completed(pending.partition(), pending.offset(), false);
            return Future.succeededFuture();
        }
        return handler.handle(pending).map(outcome -> {
            route(pending, outcome);
            return null;
        });
    }

    private void route(PendingCommand pending, Outcome outcome) {
        if (outcome instanceof Outcome.Publish publish) {
            publisher.publish(publish.result(), pending.position()).whenComplete((ignored, error) -> {
                if (error != null) {
                    sink.failed(error);
                    return;
                }
                ledger.resultPublished(publish.result().getCommandId(), pending.position());
                LOG.debug("Command {} for {}: {} after {} attempt(s) ({})", publish.result().getCommandId(),
                        publish.result().getDeviceId(), publish.result().getStatus(), publish.result().getAttempts(),
                        publish.result().getDetail());
                metrics.result(publish.result().getStatus().name(), publish.vendor(),
                        Duration.ofNanos(System.nanoTime() - pending.readAtNanos()));
                sink.completed(pending.partition(), pending.offset(), true);
            });
        } else {
            sink.completed(pending.partition(), pending.offset(), outcome instanceof Outcome.AlreadyAnswered);
        }
    }
}
