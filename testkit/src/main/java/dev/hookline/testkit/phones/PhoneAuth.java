package dev.hookline.testkit.phones;

import java.util.Objects;

/** What a {@link SimulatedPhone} asks of a client before it obeys. */
public sealed interface PhoneAuth {

    /** Anyone may command the phone. */
    static PhoneAuth none() {
        return new None();
    }

    /** HTTP Basic. */
    static PhoneAuth basic(String username, String password) {
        return new Basic(username, password);
    }

    /** HTTP Digest, MD5 with qop=auth (RFC 7616), as Snom asks when {@code http_scheme} is on. */
    static PhoneAuth digest(String username, String password) {
        return new Digest(username, password, "snom");
    }

    /** Yealink's older login in the query, {@code p=login&q=login&username=U&pwd=P&...} (Yealink administrator guide, Action URI section). */
    static PhoneAuth queryLogin(String username, String password) {
        return new QueryLogin(username, password);
    }

    record None() implements PhoneAuth {
    }

    record Basic(String username, String password) implements PhoneAuth {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    record Digest(String username, String password, String realm) implements PhoneAuth {
        public Digest {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(realm, "realm");
        }
    }

    record QueryLogin(String username, String password) implements PhoneAuth {
        public QueryLogin {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }
}
