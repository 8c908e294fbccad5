package dev.hookline.testkit.sim;

import dev.hookline.schema.EventType;

/**
 * One request of a phone's episode.
 *
 * @param atMillis when to send it, in milliseconds from the start of the run
 * @param event the vendor's event name
 * @param type the canonical type it stands for in the scenario
 * @param url the URL with every variable filled
 */
public record Step(long atMillis, String event, EventType type, String url) {

    Step shifted(long millis) {
        return millis == 0 ? this : new Step(atMillis + millis, event, type, url);
    }
}
