package dev.hookline.processor;

import dev.hookline.processor.live.CommandSender;
import dev.hookline.processor.live.LiveFeed;
import dev.hookline.processor.live.LiveViewApi;
import dev.hookline.processor.query.QueryPort;
import dev.hookline.processor.query.access.AccessControl;
import dev.hookline.processor.query.access.AccessSettings;
import dev.hookline.processor.query.access.Role;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import dev.hookline.processor.normalize.Normalizer;
import dev.hookline.processor.query.PhoneStoreView;
import dev.hookline.processor.query.QueryApi;
import dev.hookline.processor.state.ServingPartitions;
import dev.hookline.service.ManagementServer;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.ValueFormats;
import dev.hookline.vendor.VendorFileException;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream processor as a running Kafka Streams application (exactly-once v2), with its query
 * API, health and metrics on one port. The port is bound first, so that its real number is what
 * the instance advertises to the others ({@code application.server}).
 */
public final class StreamProcessorApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamProcessorApp.class);
    private LiveFeed feed;
    private CommandSender commands;
    /** The catalogue topics the processor writes, whose schemas a registry must hold. */
    static final List<TopicSpec<?>> WRITTEN = List.of(Topics.PHONE_EVENTS, Topics.PHONE_EVENTS_DLQ, Topics.CALL_SESSIONS,
            Topics.CALL_STATE, Topics.LINE_STATUS, Topics.DEVICE_STATE, Topics.DEVICE_ADDRESSES);

    private final ProcessorConfig config;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Vertx vertx;
    private ManagementServer server;
    private KafkaStreamsMetrics streamsMetrics;
    private PhoneCensus census;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;

    public StreamProcessorApp(ProcessorConfig config) {
        this.config = config;
    }

    /**
     * How long an instance that died without leaving the group (kill -9, a lost host) keeps its
     * phones before another takes them over. Kafka's 45 s alone would exceed the 30 s in which
     * a surviving instance must answer for every phone.
     */
    static final String SESSION_TIMEOUT_MS = "10000";
    /** A copy of each store partition on another instance, so the one taking over has it already. */
    static final String STANDBY_REPLICAS = "1";
    /**
     * What its producer compresses with: lz4 cut the bytes the processor's writes take on the
     * broker by three quarters in bench/processor.sh at no cost in events/s (zstd saved a little
     * more and cost 15% of the events/s).
     */
    static final String COMPRESSION = "lz4";

    /** Kafka Streams settings: exactly-once v2, fail-over defaults, and the user's {@code kafka.*} settings on top. */
    public static Properties streamsProperties(ProcessorConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(ProcessorConfig.APPLICATION_ID));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put("processing.exception.handler.global.enabled", "true");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, STANDBY_REPLICAS);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), COMPRESSION);
        props.putAll(config.kafka());
        // Exactly once is what "each session emitted once" rests on: a user setting cannot weaken it.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }

    /**
     * Reads the vendor descriptors, starts the port, then Kafka Streams, and waits until it is running (or fails).
     *
     * @throws IllegalStateException naming the file, the key and the reason when a vendor descriptor is invalid
     */
    public StreamProcessorApp start(Duration timeout) throws TimeoutException, InterruptedException {
        SchemaTrust.install();
        // The descriptors first: a mistake in a user's vendor file stops the start before any port or topic.
        Normalizer normalizer = loadVendors(config);
        // Then the registry, if a format needs one: one clear error now rather than one per record.
        ValueFormats formats = config.formats();
        formats.prepare(config.topicPrefix(), WRITTEN);
        AccessSettings accessSettings = config.access();
        AccessControl access = AccessControl.of(accessSettings);
        QueryPort port = QueryPort.of(accessSettings);
        vertx = Vertx.vertx();
        server = new ManagementServer(vertx, this::ready, registry::scrape);
        ServingPartitions serving = new ServingPartitions();
        Router router = server.router();
        // Health and metrics stay open (probes, Prometheus); the API and the live view need READ.
        // A body is read by the first handler of its route, before any that waits (the credential check).
        router.post("/api/*").handler(BodyHandler.create().setBodyLimit(4096));
        router.route("/api/*").handler(access.authenticate(vertx));
        router.route("/api/*").handler(access.require(Role.READ));
        PhoneStoreView view = new PhoneStoreView(() -> streams, () -> self, serving);
        new QueryApi(vertx, view, access, port.clientOptions()).mount(router);
        feed = new LiveFeed(clientSettings(config, ConsumerConfig.configNames()), config.topicPrefix(), formats, 50);
        commands = new CommandSender(clientSettings(config, ProducerConfig.configNames()), config.topicPrefix(), formats,
                java.time.Clock.systemUTC());
        new LiveViewApi(vertx, feed, commands, access, config.silentAfter()).mount(router);
        await(server.listen(port.serverOptions().setHost(config.getString(ProcessorConfig.QUERY_HOST))
                        .setPort(config.getInt(ProcessorConfig.QUERY_PORT)))
                .toCompletionStage().toCompletableFuture(), timeout, "the query port");
        self = new HostInfo(config.getString(ProcessorConfig.QUERY_ADVERTISED_HOST), server.actualPort());

        Properties props = streamsProperties(config);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        ProcessorMetrics metrics = new ProcessorMetrics(registry);
        metrics.bindReady(this::ready);
        streams = new KafkaStreams(ProcessorTopology.build(config, formats, normalizer, metrics, serving), props);
        census = new PhoneCensus(vertx, view, config.silentAfter(), Clock.systemUTC(), metrics).start();
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("The stream processor stopped on an unexpected error", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
                    || streams.state() == KafkaStreams.State.PENDING_SHUTDOWN) {
                throw new IllegalStateException("the stream processor stopped while starting (" + streams.state() + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the stream processor was not running within " + timeout);
            }
            Thread.sleep(100);
        }
        LOG.info("Stream processor {} running; query API on port {}", config.getString(ProcessorConfig.APPLICATION_ID),
                server.actualPort());
        return this;
    }

    /** The processor's Kafka settings that a plain consumer or producer knows (bootstrap servers, security). */
    static Map<String, Object> clientSettings(ProcessorConfig config, Set<String> known) {
        Map<String, Object> settings = new HashMap<>();
        config.kafka().forEach((key, value) -> {
            if (known.contains(key) || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    /** The normalizer of the built-in vendor descriptors and those of {@code vendors.dir}. */
    static Normalizer loadVendors(ProcessorConfig config) {
        try {
            return Normalizer.load(config.vendorDir());
        } catch (VendorFileException e) {
            throw new IllegalStateException("the vendor descriptors cannot be used: " + e.getMessage(), e);
        }
    }

    private static void await(java.util.concurrent.CompletableFuture<?> future, Duration timeout, String what)
            throws TimeoutException, InterruptedException {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot open " + what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Whether Kafka Streams is running: {@code /health/ready} and {@code hookline_processor_ready}. */
    private boolean ready() {
        return state() == KafkaStreams.State.RUNNING;
    }

    public KafkaStreams.State state() {
        KafkaStreams app = streams;
        return app == null ? KafkaStreams.State.CREATED : app.state();
    }

    /** The port of the query API, health and metrics. */
    public int queryPort() {
        return server.actualPort();
    }

    @Override
    public void close() {
        if (census != null) {
            census.close();
        }
        if (feed != null) {
            feed.close();
        }
        if (commands != null) {
            commands.close();
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
