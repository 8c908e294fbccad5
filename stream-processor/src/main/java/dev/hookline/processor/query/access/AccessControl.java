package dev.hookline.processor.query.access;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks who is asking before the query API and the live view answer: HTTP Basic for the users
 * of the users file, a bearer token for its tokens, the instance token for another processor
 * instance. Puts the {@link Principal} in the routing context; {@link #require(Role)} answers
 * 401 (who are you?) or 403 (not allowed). Credentials come only from the Authorization
 * header, never from the URL, and are never logged.
 */
public final class AccessControl {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    static final String PRINCIPAL = "hookline.principal";
    /** Sent by the live view's own requests: answer 401 without a Basic challenge, so the browser shows no dialog. */
    static final String UI_HEADER = "X-Hookline-UI";

    private final AccessSettings settings;
    private final Optional<UsersFile> users;
    private final CredentialCache cache = new CredentialCache(1024, TimeUnit.MINUTES.toNanos(5));

    private AccessControl(AccessSettings settings, Optional<UsersFile> users) {
        this.settings = settings;
        this.users = users;
    }

    /** Reads the users file now: a mistake in it stops the start. */
    public static AccessControl of(AccessSettings settings) {
        Optional<UsersFile> users = settings.usersFile().map(UsersFile::read);
        if (settings.enabled() && users.isEmpty()) {
            LOG.warn("Access control is on and query.users.file is not set: every request to the query API and the "
                    + "live view is refused (401). Set query.users.file, or query.auth.enabled=false on a trusted network.");
        }
        return new AccessControl(settings, users);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** The credential a forwarding instance sends: the instance token, else the caller's own header. */
    public Optional<String> forwardingAuthorization(RoutingContext context) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        return settings.instanceToken().map(token -> "Bearer " + token)
                .or(() -> Optional.ofNullable(context.request().getHeader("Authorization")));
    }

    /** Identifies the caller (or not); every route after it can then {@link #require(Role)}. */
    public Handler<RoutingContext> authenticate(Vertx vertx) {
        return context -> {
            if (!settings.enabled()) {
                context.put(PRINCIPAL, Principal.ANYONE);
                context.next();
                return;
            }
            String header = context.request().getHeader("Authorization");
            if (header == null) {
                context.next();
                return;
            }
            Optional<Principal> cached = cache.get(header);
            if (cached.isPresent()) {
                context.put(PRINCIPAL, cached.get());
                context.next();
                return;
            }
            // Password hashes are slow on purpose: off the event loop.
            vertx.executeBlocking(() -> identify(header)).onComplete(result -> {
                if (result.succeeded() && result.result().isPresent()) {
                    cache.put(header, result.result().get());
                    context.put(PRINCIPAL, result.result().get());
                }
                context.next();
            });
        };
    }

    /** Lets the request on only when its caller holds role: 401 without credentials that work, 403 without the role. */
    public Handler<RoutingContext> require(Role role) {
        return context -> {
            Principal principal = context.get(PRINCIPAL);
            if (principal == null) {
                unauthorized(context);
            } else if (!principal.may(role)) {
                refuse(context, 403, principal.name() + " may not " + (role == Role.COMMAND ? "send commands" : "read"));
            } else {
                context.next();
            }
        };
    }

    /** The caller of a request that passed {@link #authenticate}, if known. */
    public static Optional<Principal> principal(RoutingContext context) {
        return Optional.ofNullable(context.get(PRINCIPAL));
    }

    private Optional<Principal> identify(String header) {
        int space = header.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
        String value = header.substring(space + 1).trim();
        if (scheme.equals("bearer")) {
            if (settings.instanceToken().isPresent() && constantTimeEquals(settings.instanceToken().get(), value)) {
                return Optional.of(Principal.INSTANCE);
            }
            return users.flatMap(file -> file.token(value));
        }
        if (scheme.equals("basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return users.flatMap(file -> file.user(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        return Optional.empty();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static void unauthorized(RoutingContext context) {
        if (context.request().getHeader(UI_HEADER) == null) {
            context.response().putHeader("WWW-Authenticate", "Basic realm=\"hookline\", charset=\"UTF-8\"");
        }
        refuse(context, 401, "credentials needed: HTTP Basic or a bearer token");
    }

    private static void refuse(RoutingContext context, int status, String message) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(io.vertx.core.json.JsonObject.of("error", message).encode());
    }
}
