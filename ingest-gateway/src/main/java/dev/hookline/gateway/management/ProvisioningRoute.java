package dev.hookline.gateway.management;

import dev.hookline.gateway.guard.Tokens;
import dev.hookline.gateway.provisioning.Provisioning;
import dev.hookline.gateway.provisioning.ProvisioningException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code GET /provisioning/{vendor}[?base-url=URL][&token=T]}: the vendor's configuration for this
 * gateway. The base URL defaults to this gateway's phone port on the host the caller used. When
 * the gateway requires a token the caller must supply it: the endpoint never reveals it.
 */
public final class ProvisioningRoute {

    private final String scheme;
    private final int phonePort;
    private final String pathPrefix;
    private final Optional<String> requiredToken;
    private final Provisioning provisioning;

    /** @param provisioning the vendors that can be provisioned (the gateway's vendor catalogue) */
    public ProvisioningRoute(boolean secure, int phonePort, String pathPrefix, Optional<String> requiredToken,
                             Provisioning provisioning) {
        this.provisioning = provisioning;
        this.scheme = secure ? "https" : "http";
        this.phonePort = phonePort;
        this.pathPrefix = pathPrefix;
        this.requiredToken = requiredToken;
    }

    public void mount(Router router) {
        router.get("/provisioning").handler(context -> context.response()
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(String.join("\n", provisioning.vendors()) + "\n"));
        router.get("/provisioning/:vendor").handler(this::render);
    }

    private void render(RoutingContext context) {
        Optional<String> token = Optional.ofNullable(context.request().getParam("token"));
        if (requiredToken.isPresent() && !Tokens.matches(token, requiredToken.get())) {
            text(context, 400, "This gateway requires a token: pass ?token=<the gateway's token> "
                    + "(the endpoint does not print it unless you give it).\n");
            return;
        }
        String baseUrl = Optional.ofNullable(context.request().getParam("base-url")).orElseGet(() -> defaultBaseUrl(context));
        try {
            text(context, 200, provisioning.render(context.pathParam("vendor"), baseUrl, token));
        } catch (ProvisioningException e) {
            boolean unknownVendor = !provisioning.canProvision(context.pathParam("vendor"));
            text(context, unknownVendor ? 404 : 400, e.getMessage() + "\n");
        }
    }

    private String defaultBaseUrl(RoutingContext context) {
        String host = context.request().authority() == null ? "localhost" : context.request().authority().host();
        String prefix = pathPrefix.equals("/") ? "" : pathPrefix.substring(0, pathPrefix.length() - 1);
        return scheme + "://" + host + ":" + phonePort + prefix;
    }

    private static void text(RoutingContext context, int status, String body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }
}
