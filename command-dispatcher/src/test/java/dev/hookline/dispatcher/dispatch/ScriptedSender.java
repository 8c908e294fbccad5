package dev.hookline.dispatcher.dispatch;

import dev.hookline.dispatcher.driver.PhoneHttpRequest;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.http.PhoneReply;
import dev.hookline.dispatcher.http.PhoneSender;
import dev.hookline.dispatcher.http.SendFailure;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A phone for unit tests: answers from a script (the last answer repeats) and records what it was sent. */
final class ScriptedSender implements PhoneSender {

    final List<PhoneHttpRequest> sent = new ArrayList<>();
    private final Deque<Object> script = new ArrayDeque<>();
    private Object last = new PhoneReply(200, "OK");

    ScriptedSender answers(int status) {
        script.addLast(new PhoneReply(status, "status " + status));
        return this;
    }

    ScriptedSender fails(SendFailure.Kind kind) {
        script.addLast(new SendFailure(kind, kind.name().toLowerCase(java.util.Locale.ROOT)));
        return this;
    }

    @Override
    public Future<PhoneReply> send(PhoneTarget target, PhoneHttpRequest request) {
        sent.add(request);
        Object next = script.isEmpty() ? last : script.pollFirst();
        last = next;
        return next instanceof PhoneReply reply ? Future.succeededFuture(reply) : Future.failedFuture((SendFailure) next);
    }
}
