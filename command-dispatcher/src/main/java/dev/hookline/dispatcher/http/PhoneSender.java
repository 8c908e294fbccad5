package dev.hookline.dispatcher.http;

import dev.hookline.dispatcher.driver.PhoneHttpRequest;
import dev.hookline.dispatcher.driver.PhoneTarget;
import io.vertx.core.Future;

/** Sends one request to one phone, authenticating as the request says. */
public interface PhoneSender {

    /**
     * @return the phone's answer (any status), or a failed future holding a {@link SendFailure}
     *         when no answer came
     */
    Future<PhoneReply> send(PhoneTarget target, PhoneHttpRequest request);
}
