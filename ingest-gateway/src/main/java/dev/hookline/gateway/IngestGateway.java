package dev.hookline.gateway;

import dev.hookline.gateway.capture.CaptureLine;
import dev.hookline.gateway.capture.CaptureWriter;
import dev.hookline.service.config.EffectiveConfig;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.gateway.device.DeviceIdExtractor;
import dev.hookline.gateway.guard.RateLimits;
import dev.hookline.service.Networks;
import dev.hookline.gateway.http.HttpLimits;
import dev.hookline.service.ManagementServer;
import dev.hookline.gateway.management.ProvisioningRoute;
import dev.hookline.gateway.provisioning.Provisioning;
import dev.hookline.gateway.publish.KafkaRawPublisher;
import dev.hookline.gateway.publish.RawPublisher;
import dev.hookline.gateway.publish.SpoolingPublisher;
import dev.hookline.gateway.spool.Spool;
import dev.hookline.gateway.spool.SpoolOptions;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.ValueCodec;
import dev.hookline.schema.format.ValueFormats;
import dev.hookline.vendor.VendorCatalogue;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ingest gateway: the port phones call, its management port, and the Kafka publisher. */
public final class IngestGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestGateway.class);

    private final GatewayConfig config;
    private final Vertx vertx;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private RawPublisher publisher;
    private CaptureWriter capture;
    private int phonePort;
    private int managementPort;
    private boolean secure;

    public IngestGateway(GatewayConfig config) {
        this.config = config;
        this.vertx = Vertx.vertx();
    }

    /** Starts everything; fails (and cleans up) when a port is taken or a setting is wrong. */
    public IngestGateway start() {
        SchemaTrust.install();
        LOG.info("Ingest gateway settings: {}", EffectiveConfig.describe(config, GatewayConfig.KAFKA_PREFIX));
        try {
            Networks sources = Networks.of(config.getList(GatewayConfig.SECURITY_ALLOWED_CIDRS));
            if (sources.allowsAny()) {
                LOG.warn("{} is empty: requests from any address are accepted; restrict it to your phones' networks",
                        GatewayConfig.SECURITY_ALLOWED_CIDRS);
            }
            RateLimits rateLimits = RateLimits.from(config, System::nanoTime);
            // A device bucket lives its refill time (2.5 s at the defaults) plus at most one sweep.
            vertx.setPeriodic(10_000, id -> rateLimits.evictIdle());
            // Read once, before anything opens: an invalid descriptor stops the start with the
            // loader's message (file, key, reason).
            VendorCatalogue vendors = VendorCatalogue.load(config.vendorDir());
            // Before anything listens: a registry that does not answer is one error at start.
            ValueFormats formats = config.formats();
            String rawTopic = Topics.PHONE_RAW.name(config.topicPrefix());
            formats.prepare(config.topicPrefix(), List.of(Topics.PHONE_RAW));
            ValueCodec<RawPhoneRequest> rawValues = formats.codec(Topics.PHONE_RAW);
            publisher = openPublisher();
            RawRecordFactory records = new RawRecordFactory(config.gatewayId(), config.tenant(),
                    config.getBoolean(GatewayConfig.TENANT_FROM_PATH) ? Optional.of(config.pathPrefix()) : Optional.empty(),
                    config.getList(GatewayConfig.HEADERS_ALLOWED), config.getInt(GatewayConfig.HEADERS_MAX_VALUE_LENGTH),
                    DeviceIdExtractor.of(vendors));
            capture = openCapture();
            Consumer<RawPhoneRequest> onStored = capture == null ? record -> { }
                    : record -> capture.write(CaptureLine.of(record));
            IngestHandler handler = new IngestHandler(vertx, config.pathPrefix(), config.token(), rateLimits, records,
                    record -> rawValues.encode(rawTopic, record), publisher, metrics, answerTimeout(), onStored);
            HttpLimits limits = new HttpLimits(config.getInt(GatewayConfig.HTTP_MAX_URI_LENGTH),
                    config.getInt(GatewayConfig.HTTP_MAX_HEADER_BYTES), config.getInt(GatewayConfig.HTTP_MAX_BODY_BYTES),
                    config.requestTimeout());
            phonePort = startPhoneServers(phoneServerOptions(), limits, sources, handler);
            ManagementServer management = new ManagementServer(vertx, publisher::ready, metrics::scrape);
            new ProvisioningRoute(secure, phonePort, config.pathPrefix(), config.token(), Provisioning.of(vendors))
                    .mount(management.router());
            managementPort = await(management.listen(config.getString(GatewayConfig.MANAGEMENT_HOST),
                    config.getInt(GatewayConfig.MANAGEMENT_PORT))).actualPort();
            LOG.info("Ingest gateway {} listening for phones on {}://{}:{}{} (management on port {})", config.gatewayId(),
                    secure ? "https" : "http", config.getString(GatewayConfig.HTTP_HOST), phonePort, config.pathPrefix(),
                    managementPort);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Kafka, with the spool behind it; the spool is opened (and recovered) before anything listens. */
    private SpoolingPublisher openPublisher() {
        Path dir = Path.of(config.getString(GatewayConfig.SPOOL_DIR));
        Spool spool;
        try {
            spool = Spool.open(dir, SpoolOptions.defaults().withMaxBytes(config.getLong(GatewayConfig.SPOOL_MAX_BYTES)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open the spool in " + dir.toAbsolutePath() + " (" + e
                    + "); check " + GatewayConfig.SPOOL_DIR, e);
        }
        if (spool.recoveredTornBytes() > 0) {
            LOG.warn("The spool's last write was cut short by a crash; {} bytes of a request never acknowledged were dropped",
                    spool.recoveredTornBytes());
        }
        KafkaRawPublisher kafka = new KafkaRawPublisher(config.kafka(), Topics.PHONE_RAW.name(config.topicPrefix()), 50_000);
        SpoolingPublisher spooling = new SpoolingPublisher(kafka, spool, publishTimeout());
        metrics.bindSpool(spooling);
        return spooling;
    }

    private CaptureWriter openCapture() {
        String path = config.getString(GatewayConfig.CAPTURE_PATH);
        if (path.isBlank()) {
            return null;
        }
        try {
            return new CaptureWriter(Path.of(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open the capture file " + path + " (" + e + "); check "
                    + GatewayConfig.CAPTURE_PATH, e);
        }
    }

    /**
     * How long to wait for Kafka before spooling: the spool's fsync must still fit in the
     * response bound, so it is kept well below it.
     */
    private Duration publishTimeout() {
        Duration bound = config.responseTimeout().dividedBy(2);
        return config.publishTimeout().compareTo(bound) < 0 ? config.publishTimeout() : bound;
    }

    /**
     * The handler's own bound: answer 503 if neither Kafka nor the spool took the request by then.
     * Checked on a tick of a twentieth of it, so the answer still leaves within the response bound.
     */
    private Duration answerTimeout() {
        return config.responseTimeout().multipliedBy(19).dividedBy(20).minusMillis(5);
    }

    private NetServerOptions phoneServerOptions() {
        NetServerOptions options = new NetServerOptions()
                .setHost(config.getString(GatewayConfig.HTTP_HOST))
                .setPort(config.getInt(GatewayConfig.HTTP_PORT))
                .setIdleTimeout(config.getInt(GatewayConfig.HTTP_IDLE_TIMEOUT_S))
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpNoDelay(true);
        String cert = config.getString(GatewayConfig.HTTP_TLS_CERT_PATH);
        String key = config.getString(GatewayConfig.HTTP_TLS_KEY_PATH);
        if (cert.isBlank() != key.isBlank()) {
            throw new IllegalArgumentException("HTTPS needs both " + GatewayConfig.HTTP_TLS_CERT_PATH + " and "
                    + GatewayConfig.HTTP_TLS_KEY_PATH);
        }
        if (!cert.isBlank()) {
            secure = true;
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert).setKeyPath(key));
        }
        return options;
    }

    private int startPhoneServers(NetServerOptions options, HttpLimits limits, Networks sources,
                                  IngestHandler handler) {
        // One deployment of several instances: Vert.x spreads connections over their event
        // loops, and with port 0 they share the one free port the first of them picks.
        List<PhoneServerVerticle> verticles = new CopyOnWriteArrayList<>();
        await(vertx.deployVerticle(() -> {
            PhoneServerVerticle verticle = new PhoneServerVerticle(options, limits, sources, handler);
            verticles.add(verticle);
            return verticle;
        }, new DeploymentOptions().setInstances(config.getInt(GatewayConfig.HTTP_INSTANCES))));
        return verticles.get(0).actualPort();
    }

    public int phonePort() {
        return phonePort;
    }

    public int managementPort() {
        return managementPort;
    }

    public boolean secure() {
        return secure;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the gateway did not start within 30 s", e);
        }
    }

    /** Stops taking requests, lets answers in flight finish, flushes the producer. */
    @Override
    public void close() {
        try {
            vertx.close().await(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warn("The gateway's servers did not stop cleanly: {}", e.toString());
        }
        if (publisher != null) {
            publisher.close();
        }
        if (capture != null) {
            capture.close();
        }
    }
}
