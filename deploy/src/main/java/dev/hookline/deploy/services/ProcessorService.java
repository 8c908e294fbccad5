package dev.hookline.deploy.services;

import dev.hookline.deploy.HooklineException;
import dev.hookline.deploy.local.LocalPorts;
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
    private final String portOption;
    private StreamProcessorApp app;

    /**
     * @param settings   processor settings (file, environment, options) before Kafka's address is known
     * @param portOption the command-line option that sets the query port, named when it is taken
     */
    public ProcessorService(Map<String, Object> settings, String portOption) {
        this.settings = settings;
        this.portOption = portOption;
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
        LocalPorts.requireFree(config.getString(ProcessorConfig.QUERY_HOST), config.getInt(ProcessorConfig.QUERY_PORT),
                portOption);
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
        String host = config.getString(ProcessorConfig.QUERY_HOST);
        String base = (config.access().tls() ? "https" : "http") + "://"
                + (host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host) + ":" + app.queryPort();
        return "live view " + base + "/, query API " + base + "/api/devices/{id} (application id "
                + config.getString(ProcessorConfig.APPLICATION_ID) + ")";
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
    }
}
