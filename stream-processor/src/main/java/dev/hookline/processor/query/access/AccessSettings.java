package dev.hookline.processor.query.access;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Who may use the processor's query port, and how it is served.
 *
 * @param enabled       whether requests need credentials at all (off only on a trusted network)
 * @param usersFile     the users and tokens file; none: every request is refused while enabled
 * @param instanceToken the secret instances forward requests with
 * @param tlsCert       PEM certificate of the port (HTTPS when given with tlsKey)
 * @param tlsKey        PEM private key
 * @param tlsCa         PEM certificates trusted when forwarding over HTTPS (default: tlsCert)
 */
public record AccessSettings(boolean enabled, Optional<Path> usersFile, Optional<String> instanceToken,
                             Optional<Path> tlsCert, Optional<Path> tlsKey, Optional<Path> tlsCa) {

    /** No credentials, plain HTTP: local mode and tests. */
    public static AccessSettings open() {
        return new AccessSettings(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public boolean tls() {
        return tlsCert.isPresent() && tlsKey.isPresent();
    }

    @Override
    public String toString() {
        return "AccessSettings[enabled=" + enabled + ", usersFile=" + usersFile + ", instanceToken="
                + (instanceToken.isPresent() ? "[hidden]" : "none") + ", tls=" + tls() + "]";
    }
}
