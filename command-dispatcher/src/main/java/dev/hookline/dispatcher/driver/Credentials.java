package dev.hookline.dispatcher.driver;

import java.util.Objects;

/** A phone's web login. {@link #toString()} never shows the password, so a stray log line cannot leak it. */
public record Credentials(String username, String password) {
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=****]";
    }
}
