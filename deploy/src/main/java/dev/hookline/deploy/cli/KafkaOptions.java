package dev.hookline.deploy.cli;

import dev.hookline.deploy.HooklineException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** Options shared by every sub-command that talks to an existing Kafka cluster. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            defaultValue = "${env:HOOKLINE_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}; env HOOKLINE_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            defaultValue = "${env:HOOKLINE_TOPIC_PREFIX:-}",
            description = "Prefix in front of every topic name (env HOOKLINE_TOPIC_PREFIX).")
    String topicPrefix;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties (SASL, SSL, ...) passed to the clients unchanged.")
    Path commandConfig;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topicPrefix() {
        return topicPrefix == null ? "" : topicPrefix;
    }

    /** Client properties: the config file's, then the bootstrap servers, with short time-outs for a CLI. */
    public Properties clientProperties() {
        Properties props = new Properties();
        if (commandConfig != null) {
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                props.load(reader);
            } catch (IOException e) {
                throw new HooklineException("cannot read the client config " + commandConfig + " (" + e.getMessage()
                        + "); check --command-config", e);
            }
        }
        return withCliDefaults(props, bootstrapServers);
    }

    /** {@code props} with the bootstrap servers and a command line's short time-outs (unless set already). */
    static Properties withCliDefaults(Properties props, String bootstrapServers) {
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "hookline-cli");
        return props;
    }
}
