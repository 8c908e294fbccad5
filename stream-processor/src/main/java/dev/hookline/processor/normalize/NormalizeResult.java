package dev.hookline.processor.normalize;

import dev.hookline.schema.PhoneEvent;
import java.util.List;
import java.util.Objects;

/** What {@link Normalizer#normalize} made of one raw request: events, or the reason it was not understood. */
public sealed interface NormalizeResult permits NormalizeResult.Normalized, NormalizeResult.Rejected {

    /** The request was understood; usually exactly one event. */
    record Normalized(List<PhoneEvent> events) implements NormalizeResult {
        public Normalized {
            events = List.copyOf(events);
        }
    }

    /**
     * The request was not understood. {@code errorCode} is one of {@link Normalizer#UNKNOWN_EVENT},
     * {@link Normalizer#NO_EVENT}, {@link Normalizer#UNKNOWN_VENDOR}, {@link Normalizer#INVALID_REQUEST};
     * {@code reason} is a readable sentence naming what was seen (never parameter values other than
     * event names).
     */
    record Rejected(String errorCode, String reason) implements NormalizeResult {
        public Rejected {
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
