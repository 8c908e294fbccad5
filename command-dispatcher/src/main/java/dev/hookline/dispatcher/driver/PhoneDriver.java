package dev.hookline.dispatcher.driver;

import dev.hookline.schema.PhoneCommand;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * One command dialect's Action URI: how a command becomes an HTTP request, and how the phone's
 * answer reads. Drivers are plug-ins: each is listed in
 * {@code META-INF/services/dev.hookline.dispatcher.driver.PhoneDriver} and found with
 * {@link java.util.ServiceLoader} (so it needs a public no-argument constructor); the vendors it
 * serves are those whose descriptor names its dialect ({@code actionUri.dialect}), see {@link Drivers}.
 */
public interface PhoneDriver {

    /** The command dialect this driver speaks, as vendor descriptors name it in {@code actionUri.dialect}. */
    String dialect();

    /**
     * The settings this driver owns. The dispatcher adds them to its own settings (so they are
     * validated at start and documented in its settings table); a name should start with the
     * dialect ({@code yealink.login}) and must not be one the dispatcher or another driver defines.
     */
    default ConfigDef settings() {
        return new ConfigDef();
    }

    /**
     * This driver set up with the values of its {@link #settings()}, read from {@code settings}
     * (already parsed and validated); the default has nothing to set up.
     */
    default PhoneDriver configure(AbstractConfig settings) {
        return this;
    }

    /** Translates a command for this phone; never performs I/O. */
    Translation translate(PhoneCommand command, PhoneTarget target, Optional<Credentials> credentials);

    /** Reads the phone's answer to a request this driver built. */
    PhoneAnswer interpret(PhoneCommand command, int httpStatus, String body);
}
