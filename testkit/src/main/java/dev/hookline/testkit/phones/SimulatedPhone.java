package dev.hookline.testkit.phones;

import dev.hookline.vendor.VendorCatalogue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One IP phone's Action URI endpoint on a loopback address, for tests of anything that commands
 * phones. Each phone can have its own address in 127.0.0.0/8 (Linux answers on all of it), so
 * tests can tell phones apart by address as the dispatcher does.
 *
 * <pre>
 * try (SimulatedPhone phone = SimulatedPhone.builder("snom")
 *         .host("127.0.0.2").auth(PhoneAuth.digest("admin", "pw")).start()) {
 *     ... send to phone.host():phone.port() ...
 *     assertThat(phone.state().lastDialed()).isEqualTo("1002");
 * }
 * </pre>
 *
 * Every request is recorded ({@link #requests()}), including refused ones. A request meets, in
 * order: authentication (401 with a challenge), {@link #refuse refusal} (403),
 * {@link #failNext failures} (5xx), then the {@link ActionUriEndpoint} of the phone's dialect,
 * whose answer waits {@link #slow the set delay}.
 */
public final class SimulatedPhone implements AutoCloseable {

    private final String dialect;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpServer server;
    private final String host;
    private final AuthGate authGate;
    private final ActionUriEndpoint endpoint;
    private final PhoneSetup setup;
    private final PhoneState state;
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong delayMillis;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile boolean refusing;

    private SimulatedPhone(Builder b, Vertx vertx, boolean ownsVertx) {
        this.dialect = b.dialect;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.host = b.host;
        this.authGate = new AuthGate(b.auth);
        this.state = new PhoneState(b.dialListener);
        this.delayMillis = new AtomicLong(b.delay.toMillis());
        this.endpoint = ActionUriEndpoints.forDialect(b.dialect).orElseThrow();
        this.setup = new PhoneSetup(state, b.firmware, b.accounts);
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost(b.host).setPort(b.port))
                .requestHandler(this::receive);
    }

    /**
     * A phone speaking {@code dialectOrVendor}: a dialect ({@code yealink}, {@code hanlong}, ...),
     * else a built-in vendor's name or alias ({@code sangoma}, {@code mitel}), whose descriptor
     * names the dialect.
     *
     * @throws IllegalArgumentException when it names neither, or a vendor that takes no commands
     */
    public static Builder builder(String dialectOrVendor) {
        return builder(dialectOrVendor, VendorCatalogue.builtIn());
    }

    /** As {@link #builder(String)}, vendors looked up in {@code catalogue} (e.g. with a user's folder). */
    public static Builder builder(String dialectOrVendor, VendorCatalogue catalogue) {
        return new Builder(ActionUriEndpoints.dialect(Objects.requireNonNull(dialectOrVendor, "dialectOrVendor"),
                catalogue));
    }

    /** The command dialect the phone speaks. */
    public String dialect() {
        return dialect;
    }

    /** The loopback address the phone listens on. */
    public String host() {
        return host;
    }

    /** The port the phone listens on (the ephemeral one when built with port 0). */
    public int port() {
        return server.actualPort();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public String baseUri() {
        return "http://" + host + ":" + port();
    }

    public PhoneState state() {
        return state;
    }

    /** Every request received so far, in arrival order. */
    public List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Answers after {@code delay} from now on ({@link Duration#ZERO}: at once). */
    public SimulatedPhone slow(Duration delay) {
        delayMillis.set(delay.toMillis());
        return this;
    }

    /** The next {@code count} requests that pass authentication get {@code status} (a 5xx) and change nothing. */
    public SimulatedPhone failNext(int count, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a failure status is a 5xx, not " + status);
        }
        failureStatus = status;
        failuresLeft.set(count);
        return this;
    }

    /** {@link #failNext(int, int)} with 503. */
    public SimulatedPhone failNext(int count) {
        return failNext(count, 503);
    }

    /** Whether to answer 403 to everything that passes authentication, as a phone with Action URI off does. */
    public SimulatedPhone refuse(boolean refuse) {
        refusing = refuse;
        return this;
    }

    /** Back to answering at once, without failures or refusals. */
    public SimulatedPhone answerNormally() {
        delayMillis.set(0);
        failuresLeft.set(0);
        refusing = false;
        return this;
    }

    private void receive(HttpServerRequest request) {
        request.body().onComplete(body -> {
            Map<String, String> headers = new HashMap<>();
            request.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            ReceivedRequest received = new ReceivedRequest(request.method().name(), request.uri(), headers,
                    body.succeeded() ? body.result().toString(StandardCharsets.UTF_8) : "", Instant.now());
            requests.add(received);
            PhoneReply reply = decide(received);
            long delay = delayMillis.get();
            if (delay > 0) {
                vertx.setTimer(delay, id -> send(request, reply));
            } else {
                send(request, reply);
            }
        });
    }

    private PhoneReply decide(ReceivedRequest request) {
        return authGate.check(request).orElseGet(() -> {
            if (refusing) {
                return PhoneReply.status(403, "Forbidden");
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return PhoneReply.status(failureStatus, "simulated failure");
            }
            return endpoint.handle(request, setup);
        });
    }

    private static void send(HttpServerRequest request, PhoneReply reply) {
        var response = request.response().setStatusCode(reply.status());
        reply.headers().forEach(response::putHeader);
        response.end(reply.body());
    }

    /** Stops listening; closes the Vert.x instance too when the phone made it. */
    @Override
    public void close() {
        await(ownsVertx ? vertx.close() : server.close().mapEmpty(), "stop");
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.await(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the simulated phone did not " + what + " within 10 s", e);
        }
    }

    /** Configures and starts a {@link SimulatedPhone}. */
    public static final class Builder {
        private final String dialect;
        private Vertx vertx;
        private String host = "127.0.0.1";
        private int port;
        private PhoneAuth auth = PhoneAuth.none();
        private Duration delay = Duration.ZERO;
        private String firmware = "66.86.0.15";
        private final List<String> accounts = new ArrayList<>();
        private Consumer<Dial> dialListener = dial -> { };

        private Builder(String dialect) {
            this.dialect = dialect;
        }

        /** Runs on this Vert.x (left open on close); by default the phone makes and closes its own. */
        public Builder vertx(Vertx vertx) {
            this.vertx = Objects.requireNonNull(vertx, "vertx");
            return this;
        }

        /** A loopback address, 127.0.0.1 by default; anything outside 127.0.0.0/8 is refused. */
        public Builder host(String host) {
            this.host = requireLoopback(host);
            return this;
        }

        /** 0 (the default) for an ephemeral port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.port = port;
            return this;
        }

        public Builder auth(PhoneAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** Answers after this delay (see {@link SimulatedPhone#slow}). */
        public Builder delay(Duration delay) {
            this.delay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /** The firmware version a Yealink status reply reports. */
        public Builder firmware(String firmware) {
            this.firmware = Objects.requireNonNull(firmware, "firmware");
            return this;
        }

        /** Adds an account ({@code user@host}) to the Yealink status reply; one, 1001@127.0.0.1, when none is added. */
        public Builder account(String sipIdentity) {
            if (!sipIdentity.matches("[^@|\\s]+@[^@|\\s]+")) {
                throw new IllegalArgumentException("an account is user@host");
            }
            accounts.add(sipIdentity);
            return this;
        }

        /**
         * Called with every dial command the phone accepts (on the phone's event loop, after
         * {@link PhoneState#lastDialed()} is updated), e.g. to make a simulated phone place the call.
         */
        public Builder onDial(Consumer<Dial> listener) {
            this.dialListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Starts listening; returns once the port is bound. */
        public SimulatedPhone start() {
            if (accounts.isEmpty()) {
                accounts.add("1001@127.0.0.1");
            }
            boolean owns = vertx == null;
            SimulatedPhone phone = new SimulatedPhone(this, owns ? Vertx.vertx() : vertx, owns);
            try {
                await(phone.server.listen(), "start");
            } catch (RuntimeException e) {
                if (owns) {
                    phone.vertx.close();
                }
                throw e;
            }
            return phone;
        }

        private static String requireLoopback(String host) {
            try {
                if (!host.matches("[0-9.]+") || !InetAddress.getByName(host).isLoopbackAddress()) {
                    throw new IllegalArgumentException(host + " is not an IPv4 loopback address (127.0.0.0/8)");
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(host + " is not an IPv4 loopback address (127.0.0.0/8)", e);
            }
            return host;
        }
    }
}
