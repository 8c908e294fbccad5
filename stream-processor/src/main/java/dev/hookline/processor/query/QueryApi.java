package dev.hookline.processor.query;

import dev.hookline.processor.query.access.AccessControl;
import dev.hookline.processor.query.access.AccessSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.processor.state.PhoneState;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.Availability;
import dev.hookline.schema.StoredCall;
import dev.hookline.service.Macs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's query API, answered from the phone store by interactive queries. A phone's
 * data lives on one instance: a request for it reaching another instance is forwarded to the
 * owner (once: a forwarded request is never forwarded again). Lists over all phones ask every
 * instance for its share ({@code scope=local}) and merge the answers.
 */
public final class QueryApi {

    private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
    static final String FORWARDED = "X-Hookline-Forwarded";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Vertx vertx;
    private final PhoneStoreView view;
    private final WebClient client;
    private final AccessControl access;

    /** Without access control, over plain HTTP (tests). */
    public QueryApi(Vertx vertx, PhoneStoreView view) {
        this(vertx, view, AccessControl.of(AccessSettings.open()), new WebClientOptions());
    }

    /**
     * @param access        who may ask, and what a forwarded request carries
     * @param clientOptions how to reach the other instances (TLS and its trust)
     */
    public QueryApi(Vertx vertx, PhoneStoreView view, AccessControl access, WebClientOptions clientOptions) {
        this.vertx = vertx;
        this.view = view;
        this.access = access;
        this.client = WebClient.create(vertx, new WebClientOptions(clientOptions).setConnectTimeout(2000).setIdleTimeout(30));
    }

    public void mount(Router router) {
        router.get("/api/devices/:id").handler(context -> onePhone(context, "", phone -> QueryJson.device(phone)));
        router.get("/api/devices/:id/lines").handler(context -> onePhone(context, "/lines", phone ->
                NODES.objectNode().put("deviceId", phone.deviceId()).set("lines", QueryJson.lines(phone))));
        router.get("/api/lines").handler(this::lines);
        router.get("/api/calls/active").handler(this::activeCalls);
        router.get("/api/phones").handler(this::phones);
    }

    // ------------------------------------------------------------------ one phone

    private void onePhone(RoutingContext context, String suffix, Function<PhoneState, JsonNode> render) {
        String deviceId = canonicalDeviceId(context.pathParam("id"));
        Optional<PhoneStoreView.Owner> owner;
        try {
            owner = view.ownerOf(deviceId);
        } catch (PhoneStoreView.NotQueryableException e) {
            unavailable(context, e.getMessage());
            return;
        }
        if (owner.isEmpty()) {
            unavailable(context, "no instance owns device " + deviceId + " right now (rebalancing)");
        } else if (owner.get().host().equals(view.self())) {
            int partition = owner.get().partition();
            vertx.executeBlocking(() -> view.localPhone(deviceId, partition)).onComplete(result -> {
                if (result.failed()) {
                    failed(context, result.cause());
                } else if (result.result().isEmpty() || result.result().get().device() == null) {
                    error(context, 404, "no device " + deviceId + " has been seen");
                } else {
                    json(context, 200, render.apply(result.result().get()));
                }
            });
        } else if (context.request().getHeader(FORWARDED) != null) {
            // Both instances think the other owns the phone: a rebalance is in progress.
            unavailable(context, "device " + deviceId + " is moving between instances");
        } else {
            forward(context, owner.get().host(), "/api/devices/" + deviceId + suffix);
        }
    }

    /** A MAC in any spelling the gateway accepts becomes its device id; anything else is taken as given. */
    static String canonicalDeviceId(String raw) {
        return Macs.normalize(raw).orElseGet(() -> raw.trim().toLowerCase(Locale.ROOT));
    }

    /** A request to another instance, marked as forwarded and carrying the instance's credential. */
    private io.vertx.ext.web.client.HttpRequest<Buffer> toInstance(RoutingContext context, HostInfo other, String path) {
        io.vertx.ext.web.client.HttpRequest<Buffer> request = client.get(other.port(), other.host(), path)
                .putHeader(FORWARDED, view.self().toString());
        access.forwardingAuthorization(context).ifPresent(credential -> request.putHeader("Authorization", credential));
        return request;
    }

    private void forward(RoutingContext context, HostInfo owner, String path) {
        toInstance(context, owner, path).send()
                .onComplete(result -> {
                    if (result.failed()) {
                        unavailable(context, "the instance owning this device (" + owner + ") did not answer: "
                                + result.cause().getMessage());
                    } else {
                        HttpResponse<Buffer> response = result.result();
                        context.response().setStatusCode(response.statusCode())
                                .putHeader("Content-Type", "application/json")
                                .putHeader("X-Hookline-Answered-By", owner.toString())
                                .end(response.bodyAsBuffer() == null ? Buffer.buffer() : response.bodyAsBuffer());
                    }
                });
    }

    // ------------------------------------------------------------------ lists over all phones

    private void lines(RoutingContext context) {
        String requested = context.queryParams().get("availability");
        Availability availability = null;
        if (requested != null) {
            try {
                availability = Availability.valueOf(requested.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                error(context, 400, "availability must be one of " + Arrays.toString(Availability.values()));
                return;
            }
        }
        Availability wanted = availability;
        scatter(context, "lines", phone -> {
            List<JsonNode> found = new ArrayList<>();
            phone.lines().values().stream()
                    .filter(line -> wanted == null || line.getAvailability() == wanted)
                    .forEach(line -> found.add(QueryJson.line(line)));
            return found;
        });
    }

    /** Every phone with its lines and open calls: the live view's starting point. */
    private void phones(RoutingContext context) {
        scatter(context, "phones", phone -> {
            if (phone.device() == null) {
                return List.of();
            }
            ObjectNode entry = NODES.objectNode();
            entry.set("device", QueryJson.device(phone));
            entry.set("lines", QueryJson.lines(phone));
            ArrayNode calls = entry.putArray("calls");
            for (StoredCall call : phone.calls().getCalls()) {
                calls.add(QueryJson.call(phone.deviceId(), call));
            }
            return List.of(entry);
        });
    }

    private void activeCalls(RoutingContext context) {
        scatter(context, "calls", phone -> {
            List<JsonNode> found = new ArrayList<>();
            for (StoredCall call : phone.calls().getCalls()) {
                found.add(QueryJson.call(phone.deviceId(), call));
            }
            return found;
        });
    }

    /**
     * With {@code scope=local}, this instance's share; otherwise every instance's share merged.
     * An instance that does not answer fails the whole request (503): a partial list would lie.
     */
    private void scatter(RoutingContext context, String field, Function<PhoneState, List<JsonNode>> select) {
        Future<ArrayNode> local = vertx.executeBlocking(() -> {
            ArrayNode items = NODES.arrayNode();
            view.forEachLocalPhone(phone -> items.addAll(select.apply(phone)));
            return items;
        });
        if ("local".equals(context.queryParams().get("scope"))) {
            local.onSuccess(items -> json(context, 200, NODES.objectNode().set(field, items)))
                    .onFailure(error -> failed(context, error));
            return;
        }
        List<Future<ArrayNode>> shares = new ArrayList<>();
        shares.add(local);
        List<HostInfo> others;
        try {
            others = view.instances().stream().filter(host -> !host.equals(view.self())).toList();
        } catch (PhoneStoreView.NotQueryableException e) {
            unavailable(context, e.getMessage());
            return;
        }
        String query = context.request().query();
        String path = context.request().path() + "?" + (query == null ? "" : query + "&") + "scope=local";
        for (HostInfo other : others) {
            shares.add(toInstance(context, other, path).send()
                    .compose(response -> response.statusCode() == 200
                            ? Future.succeededFuture(parseItems(response.bodyAsString(), field))
                            : Future.failedFuture(new IllegalStateException(other + " answered " + response.statusCode()))));
        }
        Future.all(shares).onComplete(result -> {
            if (result.failed()) {
                failed(context, result.cause());
                return;
            }
            ArrayNode merged = NODES.arrayNode();
            for (Future<ArrayNode> share : shares) {
                merged.addAll(share.result());
            }
            json(context, 200, NODES.objectNode().put("instances", shares.size()).set(field, merged));
        });
    }

    private static ArrayNode parseItems(String body, String field) {
        try {
            JsonNode items = AvroJson.MAPPER.readTree(body).get(field);
            if (items instanceof ArrayNode array) {
                return array;
            }
            throw new IllegalStateException("an instance answered without '" + field + "'");
        } catch (IOException e) {
            throw new IllegalStateException("an instance answered invalid JSON", e);
        }
    }

    // ------------------------------------------------------------------ answers

    private static void failed(RoutingContext context, Throwable error) {
        if (error instanceof PhoneStoreView.NotQueryableException) {
            unavailable(context, error.getMessage());
        } else if (error instanceof IllegalStateException) {
            unavailable(context, error.getMessage());
        } else {
            LOG.warn("Query {} failed", context.request().path(), error);
            error(context, 500, "internal error: " + error.getClass().getSimpleName());
        }
    }

    private static void unavailable(RoutingContext context, String message) {
        context.response().putHeader("Retry-After", "1");
        error(context, 503, message);
    }

    private static void error(RoutingContext context, int status, String message) {
        ObjectNode body = NODES.objectNode().put("error", message);
        json(context, status, body);
    }

    private static void json(RoutingContext context, int status, JsonNode body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body.toString());
    }
}
