package dev.hookline.testkit.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a run did.
 *
 * @param sent requests sent
 * @param acknowledged requests the gateway answered 200
 * @param failed requests answered otherwise or not at all
 * @param statuses requests by HTTP status (0: no answer)
 * @param calls calls played to their end (planned and dialed)
 * @param dialed calls placed on a dial command
 * @param skipped call arrivals that found every phone busy
 * @param elapsed time since the start
 * @param complete whether every planned episode was played
 * @param expected the sessions of calls whose every request was acknowledged
 * @param unconfirmed the calls with a request not acknowledged (not in {@code expected}): the
 *                    pipeline may show them, in part or not at all
 * @param requests every request, when the settings keep them
 */
public record SimulationReport(long sent, long acknowledged, long failed, Map<Integer, Long> statuses, int calls,
                               int dialed, int skipped, Duration elapsed, boolean complete, List<ExpectedCall> expected,
                               List<ExpectedCall> unconfirmed, List<SentRequest> requests) {

    public SimulationReport {
        statuses = Map.copyOf(statuses);
        expected = List.copyOf(expected);
        unconfirmed = List.copyOf(unconfirmed);
        requests = List.copyOf(requests);
    }

    /** How many calls had a request not acknowledged. */
    public int unconfirmedCalls() {
        return unconfirmed.size();
    }
}
