package dev.hookline.dispatcher.dispatch;

import dev.hookline.schema.CommandResult;

/** What became of one command record. */
public sealed interface Outcome {

    /** Publish this result; {@code vendor} labels the metrics ("unknown" when no phone was found). */
    record Publish(CommandResult result, String vendor) implements Outcome {}

    /** This very record already has a published result (read again after a crash): nothing to do. */
    record AlreadyAnswered() implements Outcome {}

    /** Not started because its partition is no longer ours or we are closing: left to be read again. */
    record Abandoned() implements Outcome {}
}
