package dev.hookline.processor.state;

import java.util.ArrayList;
import java.util.List;

/**
 * Fingerprints of the last events one phone had, by event id (the gateway's request id plus the
 * event's index). The gateway delivers at least once: a request whose Kafka send timed out is
 * also spooled and replayed, seconds or minutes later and with the same request id. Those
 * copies are dropped here whatever their age, where the content de-duplication only looks one
 * window back.
 */
public record RequestIds(List<Long> fingerprints) {

    /** How many are kept per phone: more than a phone sends in any outage the spool covers at call rates. */
    public static final int MAX = 64;

    public static final RequestIds NONE = new RequestIds(List.of());

    public RequestIds {
        fingerprints = List.copyOf(fingerprints);
    }

    public boolean contains(long fingerprint) {
        return fingerprints.contains(fingerprint);
    }

    public RequestIds add(long fingerprint) {
        List<Long> kept = new ArrayList<>(Math.min(fingerprints.size() + 1, MAX));
        int from = Math.max(0, fingerprints.size() + 1 - MAX);
        kept.addAll(fingerprints.subList(from, fingerprints.size()));
        kept.add(fingerprint);
        return new RequestIds(kept);
    }
}
