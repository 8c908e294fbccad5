package dev.hookline.testkit.sim;

import java.util.List;

/**
 * What one phone does in one go: its registration at start, or one call scenario; the requests
 * in order and the calls it should produce.
 *
 * @param phone the phone's index
 * @param name the scenario's name, or {@code REGISTRATION}
 * @param steps the requests, in time order
 * @param expected the call sessions it should produce (none for a registration)
 */
public record Episode(int phone, String name, List<Step> steps, List<ExpectedCall> expected) {

    public Episode {
        steps = List.copyOf(steps);
        expected = List.copyOf(expected);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("an episode sends at least one request");
        }
    }

    public long startMillis() {
        return steps.get(0).atMillis();
    }

    public long endMillis() {
        return steps.get(steps.size() - 1).atMillis();
    }
}
