package dev.hookline.processor.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.processor.query.access.AccessControl;
import dev.hookline.processor.query.access.Principal;
import dev.hookline.processor.query.access.Role;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.PhoneCommand;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' live view: the page ({@code /}, plain ES modules from the classpath, nothing
 * from the internet), who is looking ({@code /api/whoami}), the changes as Server-Sent Events
 * ({@code /api/view/events}), and commands ({@code POST /api/commands}, role command). The
 * phones' current state comes from {@code /api/phones} of the query API.
 */
public final class LiveViewApi {

    private static final Logger LOG = LoggerFactory.getLogger(LiveViewApi.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long HEARTBEAT_MS = 15_000;

    private final Vertx vertx;
    private final LiveFeed feed;
    private final CommandSender commands;
    private final AccessControl access;
    private final Duration silentAfter;

    public LiveViewApi(Vertx vertx, LiveFeed feed, CommandSender commands, AccessControl access, Duration silentAfter) {
        this.vertx = vertx;
        this.feed = feed;
        this.commands = commands;
        this.access = access;
        this.silentAfter = silentAfter;
    }

    /** Mounts the page and its API; /api/* must already read POST bodies and check READ (see the processor's routes). */
    public void mount(Router router) {
        router.get("/").handler(context -> context.reroute("/live/index.html"));
        router.route("/live/*").handler(StaticHandler.create("live").setCachingEnabled(false).setIndexPage("index.html"));
        router.get("/api/whoami").handler(this::whoami);
        router.get("/api/view/events").handler(this::events);
        router.post("/api/commands").handler(access.require(Role.COMMAND));
        router.post("/api/commands").handler(this::command);
    }

    private void whoami(RoutingContext context) {
        Principal principal = AccessControl.principal(context).orElse(Principal.ANYONE);
        ObjectNode body = NODES.objectNode().put("name", principal.name()).put("accessControl", access.enabled())
                .put("silentAfterMs", silentAfter.toMillis());
        principal.roles().forEach(role -> body.withArray("roles").add(role.id()));
        CommandSender.ACTIONS.forEach(action -> body.withArray("actions").add(action.name()));
        json(context, 200, body);
    }

    /** Server-Sent Events until the browser goes; a browser too slow to take them is cut off (it reconnects). */
    private void events(RoutingContext context) {
        HttpServerResponse response = context.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: 2000\n\n");
        Context loop = vertx.getOrCreateContext();
        Runnable[] stop = new Runnable[1];
        stop[0] = feed.listen(event -> loop.runOnContext(ignored -> {
            if (response.ended() || response.closed()) {
                return;
            }
            if (response.writeQueueFull()) {
                LOG.debug("A live view client is too slow; closing its stream");
                response.end();
                return;
            }
            response.write(event.toSse());
        }));
        long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> {
            if (!response.ended() && !response.closed()) {
                response.write(": keep-alive\n\n");
            }
        });
        response.closeHandler(ignored -> {
            stop[0].run();
            vertx.cancelTimer(heartbeat);
        });
        response.endHandler(ignored -> {
            stop[0].run();
            vertx.cancelTimer(heartbeat);
        });
    }

    private void command(RoutingContext context) {
        if (!sameOrigin(context)) {
            error(context, 403, "a command must come from this page's own origin");
            return;
        }
        JsonNode body;
        try {
            body = AvroJson.MAPPER.readTree(context.body().asString());
        } catch (IOException | RuntimeException e) {
            error(context, 400, "the body must be a JSON object: {\"deviceId\", \"action\", \"number\"?, \"account\"?}");
            return;
        }
        PhoneCommand command;
        try {
            command = commands.command(text(body, "deviceId"), text(body, "action"), text(body, "number"),
                    text(body, "account"), AccessControl.principal(context).map(Principal::name).orElse("live view"));
        } catch (IllegalArgumentException e) {
            error(context, 400, e.getMessage());
            return;
        }
        commands.send(command).whenComplete((sent, failure) -> vertx.runOnContext(ignored -> {
            if (failure != null) {
                error(context, 503, "the command could not be published: " + failure.getMessage());
            } else {
                json(context, 202, NODES.objectNode().put("commandId", sent.getCommandId())
                        .put("deviceId", sent.getDeviceId()).put("action", sent.getAction().name()));
            }
        }));
    }

    /**
     * No cross-site commands: a request that says where it comes from must come from this host.
     * (Browsers send Origin with every POST; other clients need not.)
     */
    static boolean sameOrigin(RoutingContext context) {
        String origin = context.request().getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String host = context.request().getHeader("Host");
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && (host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(uri.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void json(RoutingContext context, int status, JsonNode body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    private static void error(RoutingContext context, int status, String message) {
        json(context, status, NODES.objectNode().put("error", message));
    }
}
