package dev.hookline.dispatcher.dispatch;

import dev.hookline.dispatcher.DispatcherMetrics;
import dev.hookline.dispatcher.driver.PhoneAnswer;
import dev.hookline.dispatcher.driver.PhoneDriver;
import dev.hookline.dispatcher.driver.PhoneHttpRequest;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.guard.PhonePacer;
import dev.hookline.dispatcher.http.PhoneReply;
import dev.hookline.dispatcher.http.PhoneSender;
import dev.hookline.dispatcher.http.SendFailure;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one translated command to its phone until it has a final answer: waits for the phone's
 * rate-limit slot before every attempt, retries connect failures, time-outs and 5xx answers with
 * back-off while attempts and the command's lifetime allow, and lets the driver read the answer.
 */
public final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final PhoneSender sender;
    private final PhonePacer pacer;
    private final RetryPolicy retry;
    private final Delays delays;
    private final Clock clock;
    private final DispatcherMetrics metrics;
    private final ReplySink replies;

    /** @param replies told of each answer that delivered a command (status polls are read there) */
    public Delivery(PhoneSender sender, PhonePacer pacer, RetryPolicy retry, Delays delays, Clock clock,
                    DispatcherMetrics metrics, ReplySink replies) {
        this.sender = sender;
        this.pacer = pacer;
        this.retry = retry;
        this.delays = delays;
        this.clock = clock;
        this.metrics = metrics;
        this.replies = replies;
    }

    /** One command's attempts; the future always succeeds, with the command's result. */
    Future<CommandResult> deliver(PhoneCommand command, PhoneTarget target, PhoneDriver driver, PhoneHttpRequest request,
                                  Instant deadline) {
        return new Attempts(command, target, driver, request, deadline).attempt(1, null);
    }

    /** The state of one command's delivery. */
    private final class Attempts {
        private final PhoneCommand command;
        private final PhoneTarget target;
        private final PhoneDriver driver;
        private final PhoneHttpRequest request;
        private final Instant deadline;
        private final String phone;

        Attempts(PhoneCommand command, PhoneTarget target, PhoneDriver driver, PhoneHttpRequest request, Instant deadline) {
            this.command = command;
            this.target = target;
            this.driver = driver;
            this.request = request;
            this.deadline = deadline;
            this.phone = target.address() + ":" + target.port();
        }

        /**
         * @param previous the result the command ends with if this attempt cannot be made
         *                 (null before the first attempt: then it expired unsent)
         */
        Future<CommandResult> attempt(int number, CommandResult previous) {
            long wait = pacer.reserve(phone, clock.millis());
            return delays.after(wait).compose(ignored -> {
                if (clock.instant().isAfter(deadline)) {
                    return Future.succeededFuture(previous != null ? previous
                            : result(CommandStatus.EXPIRED, null, 0, "expired at " + deadline + " while waiting to be sent"));
                }
                LOG.debug("Sending {} to {} ({}), attempt {}", command.getCommandId(), phone, request, number);
                return sender.send(target, request).transform(sent -> sent.succeeded()
                        ? answered(number, sent.result())
                        : unanswered(number, SendFailure.of(sent.cause(), 0)));
            });
        }

        private Future<CommandResult> answered(int number, PhoneReply reply) {
            PhoneAnswer answer;
            try {
                answer = driver.interpret(command, reply.status(), reply.body());
            } catch (RuntimeException e) {
                LOG.warn("The {} driver could not read the answer to {} ({})", target.vendor(), command.getCommandId(),
                        e.getClass().getSimpleName());
                return Future.succeededFuture(result(CommandStatus.FAILED, reply.status(), number,
                        "the phone's answer (HTTP " + reply.status() + ") could not be read"));
            }
            String detail = answer.detail() != null ? answer.detail() : "HTTP " + reply.status();
            if (!answer.retryable()) {
                if (answer.status() == CommandStatus.DELIVERED) {
                    tell(reply);
                }
                return Future.succeededFuture(result(answer.status(), reply.status(), number, detail));
            }
            return retryOrFinish(number, result(CommandStatus.FAILED, reply.status(), number,
                    detail + " (" + attempts(number) + ")"));
        }

        private void tell(PhoneReply reply) {
            try {
                replies.delivered(command, target, reply);
            } catch (RuntimeException e) {
                LOG.warn("Handling the reply to {} failed ({})", command.getCommandId(), e.getClass().getSimpleName());
            }
        }

        private Future<CommandResult> unanswered(int number, SendFailure failure) {
            if (!failure.retryable()) {
                return Future.succeededFuture(result(CommandStatus.FAILED, null, number, failure.getMessage()));
            }
            return retryOrFinish(number, result(CommandStatus.UNREACHABLE, null, number,
                    failure.getMessage() + " (" + attempts(number) + ")"));
        }

        /** Retries when attempts remain and the back-off ends before the command expires; else {@code last}. */
        private Future<CommandResult> retryOrFinish(int number, CommandResult last) {
            if (retry.mayRetry(number)) {
                long backoff = retry.backoffMillis(number);
                if (clock.millis() + backoff <= deadline.toEpochMilli()) {
                    metrics.retried(target.vendor());
                    return delays.after(backoff).compose(ignored -> attempt(number + 1, last));
                }
            }
            return Future.succeededFuture(last);
        }

        private CommandResult result(CommandStatus status, Integer httpStatus, int attempts, String detail) {
            return CommandResults.of(command, status, httpStatus, attempts, Redaction.scrub(detail, request.credentials()),
                    clock.instant());
        }

        private static String attempts(int number) {
            return number == 1 ? "1 attempt" : number + " attempts";
        }
    }
}
