package dev.hookline.dispatcher;

import java.util.List;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.format.ValueFormats;
import dev.hookline.schema.format.ValueCodec;
import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.dispatcher.directory.DeviceDirectory;
import dev.hookline.dispatcher.dispatch.CommandHandler;
import dev.hookline.dispatcher.dispatch.CommandLedger;
import dev.hookline.dispatcher.dispatch.CredentialLookup;
import dev.hookline.dispatcher.dispatch.Delays;
import dev.hookline.dispatcher.dispatch.Delivery;
import dev.hookline.dispatcher.dispatch.DispatchEngine;
import dev.hookline.dispatcher.dispatch.DriverLookup;
import dev.hookline.dispatcher.dispatch.RetryPolicy;
import dev.hookline.service.Networks;
import dev.hookline.dispatcher.guard.PhonePacer;
import dev.hookline.dispatcher.driver.Drivers;
import dev.hookline.dispatcher.http.DigestAuthSigner;
import dev.hookline.dispatcher.http.DigestSigner;
import dev.hookline.dispatcher.http.PhoneHttpClient;
import dev.hookline.dispatcher.kafka.CatchUpReader;
import dev.hookline.dispatcher.kafka.CommandConsumer;
import dev.hookline.dispatcher.kafka.Publisher;
import dev.hookline.dispatcher.kafka.ResultPublisher;
import dev.hookline.dispatcher.kafka.SourcePosition;
import dev.hookline.service.ManagementServer;
import dev.hookline.dispatcher.poll.PollPublisher;
import dev.hookline.dispatcher.poll.StatusPoller;
import dev.hookline.dispatcher.secrets.SecretsFile;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import dev.hookline.vendor.VendorCatalogue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command dispatcher service: loads device.state.v1 and recent results, then consumes
 * phone.commands.v1, sends each command to its phone and publishes one result per command to
 * phone.command-results.v1; health and metrics on the management port.
 *
 * <p>Start it with {@code new CommandDispatcher(new DispatcherConfig(settings)).start()} and stop it
 * with {@link #close()}.
 */
public final class CommandDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    /** The catalogue topics the dispatcher writes (results, polls, and status replies as raw requests). */
    static final List<TopicSpec<?>> WRITTEN = List.of(Topics.PHONE_COMMAND_RESULTS, Topics.PHONE_COMMANDS, Topics.PHONE_RAW);

    private final DispatcherConfig config;
    private final DriverLookup givenDrivers;
    private DriverLookup drivers;
    private final CredentialLookup credentials;
    private final DigestSigner digest;
    private final Clock clock;
    private ValueFormats formats;
    private final DispatcherMetrics metrics = new DispatcherMetrics();
    private Vertx vertx;
    private PhoneHttpClient http;
    private CatchUpReader results;
    private DeviceDirectory directory;
    private Publisher publisher;
    private CommandConsumer consumer;
    private int managementPort;

    /** The dispatcher with the installed drivers, the vendors of {@code vendors.dir} and the logins of {@code secrets.file}. */
    public CommandDispatcher(DispatcherConfig config) {
        this(config, null, null, new DigestAuthSigner(), Clock.systemUTC());
    }

    /**
     * @param drivers     the vendor drivers (null: the installed ones, for the built-in vendors and
     *                    those of {@code vendors.dir}, loaded at start; see {@link Drivers#load})
     * @param credentials the phones' logins (null: from {@code secrets.file}, loaded at start)
     * @param digest      answers Digest challenges (BASIC_OR_DIGEST)
     */
    public CommandDispatcher(DispatcherConfig config, DriverLookup drivers, CredentialLookup credentials,
                             DigestSigner digest, Clock clock) {
        this.config = config;
        this.givenDrivers = drivers;
        this.credentials = credentials;
        this.digest = digest;
        this.clock = clock;
    }

    /**
     * The given drivers, or the installed ones configured from the settings, for the built-in
     * vendors and {@code vendors.dir}'s; a bad descriptor, or one naming a dialect no driver
     * speaks, fails start naming its file.
     */
    private DriverLookup drivers() {
        if (givenDrivers != null) {
            return givenDrivers;
        }
        Drivers loaded = Drivers.load(VendorCatalogue.load(config.vendorDir()), config);
        LOG.info("Vendors commanded (dialect): {}", loaded.describe());
        return loaded::forVendor;
    }

    /** The logins of {@code secrets.file}, or none; a bad file fails start naming the file, never a value. */
    private CredentialLookup logins() {
        if (credentials != null) {
            return credentials;
        }
        Optional<java.nio.file.Path> file = config.secretsFile();
        if (file.isEmpty()) {
            LOG.warn("{} is not set: commands are sent without credentials", DispatcherConfig.SECRETS_FILE);
            return CredentialLookup.none();
        }
        SecretsFile secrets = SecretsFile.load(file.get());
        LOG.info("Phone logins: {}", secrets);
        return secrets::lookup;
    }

    /** Starts everything; returns once commands are being consumed. Fails (and cleans up) on a bad setting. */
    public CommandDispatcher start() {
        SchemaTrust.install();
        LOG.info("Command dispatcher settings: {}", config.describe());
        try {
            drivers = drivers();
            Networks allowed = Networks.of(config.getList(DispatcherConfig.ALLOWED_CIDRS));
            if (allowed.allowsAny()) {
                LOG.warn("{} is empty: commands (and the phones' credentials) go to any address device.state.v1 "
                        + "reports; restrict it to your phones' networks", DispatcherConfig.ALLOWED_CIDRS);
            }
            vertx = Vertx.vertx();
            ManagementServer management = new ManagementServer(vertx, this::live, this::ready, metrics::scrape);
            managementPort = await(management.listen(config.getString(DispatcherConfig.MANAGEMENT_HOST),
                    config.getInt(DispatcherConfig.MANAGEMENT_PORT))).actualPort();
            CredentialLookup logins = logins();
            // A registry that does not answer, or lacks a schema it must hold, is one error at start.
            formats = config.formats();
            formats.prepare(config.topicPrefix(), WRITTEN);
            CommandLedger ledger = new CommandLedger(config.getInt(DispatcherConfig.DEDUP_CAPACITY));
            loadState(ledger);
            startConsuming(ledger, allowed, logins);
            config.pollInterval().ifPresent(interval -> new StatusPoller(directory::phones, consumer::ownsKey, publisher,
                    Topics.PHONE_COMMANDS.name(config.topicPrefix()), formats.codec(Topics.PHONE_COMMANDS), interval, clock)
                    .start(vertx));
            LOG.info("Command dispatcher consuming {} as group {} ({} devices known; management on port {})",
                    Topics.PHONE_COMMANDS.name(config.topicPrefix()), config.getString(DispatcherConfig.GROUP_ID),
                    directory.size(), managementPort);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Reads device.state.v1 and the recent results until caught up: before that, answers could be wrong. */
    private void loadState(CommandLedger ledger) {
        String resultsTopic = Topics.PHONE_COMMAND_RESULTS.name(config.topicPrefix());
        long from = Math.max(1, clock.millis() - config.getLong(DispatcherConfig.DEDUP_LOOKBACK_MS));
        ValueCodec<CommandResult> resultValues = formats.codec(Topics.PHONE_COMMAND_RESULTS);
        results = new CatchUpReader("results", config.kafkaConsumer(), resultsTopic, from,
                record -> remember(ledger, resultValues, resultsTopic, record));
        directory = DeviceDirectory.read(config.kafkaConsumer(), Topics.DEVICE_STATE.name(config.topicPrefix()),
                formats.codec(Topics.DEVICE_STATE), config.getInt(DispatcherConfig.PHONE_PORT));
        Duration timeout = config.startupTimeout();
        try {
            if (!directory.awaitCaughtUp(timeout) || !results.awaitCaughtUp(timeout)) {
                throw new IllegalStateException("device.state.v1 and recent results were not loaded within "
                        + timeout.toMillis() + " ms (" + DispatcherConfig.STARTUP_TIMEOUT_MS + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading device.state.v1", e);
        }
    }

    private static void remember(CommandLedger ledger, ValueCodec<CommandResult> values, String topic,
                                 ConsumerRecord<String, byte[]> record) {
        CommandResult result = values.decode(topic, record.value());
        if (result != null) {
            ledger.resultPublished(result.getCommandId(), SourcePosition.from(record.headers()).orElse(null));
        }
    }

    private void startConsuming(CommandLedger ledger, Networks allowed, CredentialLookup logins) {
        publisher = Publisher.create(config.kafkaProducer());
        ResultPublisher results = new ResultPublisher(publisher, Topics.PHONE_COMMAND_RESULTS.name(config.topicPrefix()),
                formats.codec(Topics.PHONE_COMMAND_RESULTS));
        PollPublisher polls = new PollPublisher(publisher, Topics.PHONE_RAW.name(config.topicPrefix()),
                formats.codec(Topics.PHONE_RAW), config.getString(DispatcherConfig.GROUP_ID), clock);
        consumer = new CommandConsumer(config.kafkaConsumer(), config.getString(DispatcherConfig.GROUP_ID),
                Topics.PHONE_COMMANDS.name(config.topicPrefix()), formats.codec(Topics.PHONE_COMMANDS),
                config.getInt(DispatcherConfig.MAX_IN_FLIGHT),
                Duration.ofMillis(config.getLong(DispatcherConfig.COMMIT_INTERVAL_MS)), config.shutdownTimeout());
        http = new PhoneHttpClient(vertx, config.requestTimeout(), config.getInt(DispatcherConfig.CONNECTIONS_PER_PHONE),
                config.https(), config.getBoolean(DispatcherConfig.PHONE_TLS_TRUST_ALL), digest);
        RetryPolicy retry = new RetryPolicy(config.getInt(DispatcherConfig.MAX_ATTEMPTS),
                Duration.ofMillis(config.getLong(DispatcherConfig.BACKOFF_BASE_MS)),
                Duration.ofMillis(config.getLong(DispatcherConfig.BACKOFF_MAX_MS)));
        Delivery delivery = new Delivery(http, new PhonePacer(config.getDouble(DispatcherConfig.RATE_LIMIT)), retry,
                Delays.timers(vertx), clock, metrics, polls);
        CommandHandler handler = new CommandHandler(ledger, directory, allowed, drivers, logins, delivery, clock,
                config.defaultExpiry());
        DispatchEngine engine = new DispatchEngine(vertx.getOrCreateContext(), handler, results, ledger, metrics,
                consumer::owns, consumer);
        metrics.bindInFlight(consumer::inFlight);
        consumer.start(engine::submit);
    }

    /** Up unless consumption stopped on an error (e.g. results could not be written): then restart it. */
    public boolean live() {
        return consumer == null || consumer.failure() == null;
    }

    /** Devices and recent results loaded, and the consumer group joined. */
    public boolean ready() {
        return directory != null && directory.caughtUp() && results != null && results.caughtUp()
                && consumer != null && consumer.assigned() && consumer.running();
    }

    public int managementPort() {
        return managementPort;
    }

    public DispatcherMetrics metrics() {
        return metrics;
    }

    /**
     * Stops taking commands; commands already being sent get {@code shutdown.timeout.ms} to finish
     * and publish; then offsets are committed. Commands not started stay uncommitted for the next owner.
     */
    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        stopTheRest();
    }

    /** Stops as a crash would: no waiting, no commit, unacknowledged results dropped. For tests. */
    void abort() {
        if (consumer != null) {
            consumer.abort();
        }
        if (publisher != null) {
            publisher.abort();
        }
        stopTheRest();
    }

    private void stopTheRest() {
        Optional.ofNullable(results).ifPresent(CatchUpReader::close);
        Optional.ofNullable(directory).ifPresent(DeviceDirectory::close);
        if (http != null) {
            http.close();
        }
        if (vertx != null) {
            try {
                vertx.close().await(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
                LOG.warn("The dispatcher's event loops did not stop cleanly: {}", e.toString());
            }
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the dispatcher did not start within 30 s", e);
        }
    }
}
