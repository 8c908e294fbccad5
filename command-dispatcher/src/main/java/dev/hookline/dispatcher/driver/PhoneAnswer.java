package dev.hookline.dispatcher.driver;

import dev.hookline.schema.CommandStatus;

/**
 * How the dispatcher reads a phone's HTTP answer.
 *
 * @param status    the result status, when final; null means "retry" (a 5xx), subject to the retry budget
 * @param detail    short human-readable detail (never credentials)
 */
public record PhoneAnswer(CommandStatus status, String detail) {
    public boolean retryable() {
        return status == null;
    }
}
