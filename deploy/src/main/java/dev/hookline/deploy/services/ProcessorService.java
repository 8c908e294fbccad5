package dev.hookline.deploy.services;

import dev.hookline.deploy.HooklineException;
import dev.hookline.deploy.local.LocalService;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** The stream processor as one of local mode's services, or alone with {@code hookline processor}. */
public final class ProcessorService implements LocalService {

    private final Map<String, Object> settings;
    private StreamProcessorApp app;

    /** @param settings processor settings (file, environment, options) before Kafka's address is known */
    public ProcessorService(Map<String, Object> settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "stream processor";
    }

    @Override
    public String start(String bootstrapServers, String topicPrefix) {
        Map<String, Object> values = new HashMap<>(settings);
        values.put(ProcessorConfig.KAFKA_PREFIX + "bootstrap.servers", bootstrapServers);
        values.putIfAbsent(ProcessorConfig.TOPIC_PREFIX, topicPrefix);
        ProcessorConfig config = ServiceSettings.load(ProcessorConfig::new, values, null);
        app = new StreamProcessorApp(config);
        try {
            app.start(Duration.ofSeconds(90));
        } catch (TimeoutException | IllegalStateException e) {
            app.close();
            throw new HooklineException("the stream processor did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HooklineException("interrupted while starting the stream processor", e);
        }
        return "running (application id " + config.getString(ProcessorConfig.APPLICATION_ID) + ")";
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
    }
}
