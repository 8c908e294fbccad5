package dev.hookline.dispatcher.dispatch;

import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.http.PhoneReply;
import dev.hookline.schema.PhoneCommand;

/** Told of every answer that delivered a command, e.g. to turn a status poll's reply into a record. */
@FunctionalInterface
public interface ReplySink {

    void delivered(PhoneCommand command, PhoneTarget target, PhoneReply reply);

    static ReplySink none() {
        return (command, target, reply) -> { };
    }
}
