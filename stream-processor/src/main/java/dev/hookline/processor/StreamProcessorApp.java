package dev.hookline.processor;

import dev.hookline.schema.SchemaTrust;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stream processor as a running Kafka Streams application (exactly-once v2). */
public final class StreamProcessorApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamProcessorApp.class);

    private final ProcessorConfig config;
    private KafkaStreams streams;

    public StreamProcessorApp(ProcessorConfig config) {
        this.config = config;
    }

    /** Kafka Streams settings: exactly-once v2 and the user's {@code kafka.*} settings on top. */
    public static Properties streamsProperties(ProcessorConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(ProcessorConfig.APPLICATION_ID));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put("processing.exception.handler.global.enabled", "true");
        props.putAll(config.kafka());
        // Exactly once is what "each session emitted once" rests on: a user setting cannot weaken it.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }

    /** Starts and waits until the application is running (or fails). */
    public StreamProcessorApp start(Duration timeout) throws TimeoutException, InterruptedException {
        SchemaTrust.install();
        streams = new KafkaStreams(ProcessorTopology.build(config), streamsProperties(config));
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
        LOG.info("Stream processor {} running", config.getString(ProcessorConfig.APPLICATION_ID));
        return this;
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    @Override
    public void close() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
    }
}
