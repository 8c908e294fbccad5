package dev.hookline.dispatcher.driver;

import dev.hookline.schema.PhoneCommand;
import java.util.Optional;

/** One vendor's Action URI: how a command becomes an HTTP request, and how the phone's answer reads. */
public interface PhoneDriver {

    /** The vendor names this driver serves, lowercase, as in {@code device.state.v1}. */
    java.util.Set<String> vendors();

    /** Translates a command for this phone; never performs I/O. */
    Translation translate(PhoneCommand command, PhoneTarget target, Optional<Credentials> credentials);

    /** Reads the phone's answer to a request this driver built. */
    PhoneAnswer interpret(PhoneCommand command, int httpStatus, String body);
}
