package dev.hookline.dispatcher.dispatch;

import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.PhoneTarget;
import java.util.Optional;

/** The web login for a phone (by device, model or vendor, or a default); empty when none is configured. */
@FunctionalInterface
public interface CredentialLookup {

    Optional<Credentials> lookup(PhoneTarget target);

    static CredentialLookup none() {
        return target -> Optional.empty();
    }
}
