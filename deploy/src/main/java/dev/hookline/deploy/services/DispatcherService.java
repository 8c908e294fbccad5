package dev.hookline.deploy.services;

import dev.hookline.deploy.HooklineException;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.deploy.local.LocalService;
import dev.hookline.dispatcher.CommandDispatcher;
import dev.hookline.dispatcher.config.DispatcherConfig;
import java.util.HashMap;
import java.util.Map;

/** The command dispatcher as one of local mode's services, or alone with {@code hookline dispatcher}. */
public final class DispatcherService implements LocalService {

    private final Map<String, Object> settings;
    private final String portOption;
    private CommandDispatcher dispatcher;

    /**
     * @param settings   dispatcher settings (file, environment, options) before Kafka's address is known
     * @param portOption the command-line option that sets the management port, named when it is taken
     */
    public DispatcherService(Map<String, Object> settings, String portOption) {
        this.settings = settings;
        this.portOption = portOption;
    }

    @Override
    public String name() {
        return "command dispatcher";
    }

    @Override
    public String start(String bootstrapServers, String topicPrefix) {
        Map<String, Object> values = new HashMap<>(settings);
        values.put(DispatcherConfig.KAFKA_PREFIX + "bootstrap.servers", bootstrapServers);
        values.putIfAbsent(DispatcherConfig.TOPIC_PREFIX, topicPrefix);
        DispatcherConfig config = ServiceSettings.load(DispatcherConfig::new, values, null);
        LocalPorts.requireFree(config.getString(DispatcherConfig.MANAGEMENT_HOST),
                config.getInt(DispatcherConfig.MANAGEMENT_PORT), portOption);
        try {
            dispatcher = new CommandDispatcher(config).start();
        } catch (RuntimeException e) {
            throw new HooklineException("the command dispatcher did not start: " + e.getMessage(), e);
        }
        return "commands from phone.commands.v1 (health and metrics on :" + dispatcher.managementPort() + ")";
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }
}
