package dev.hookline.deploy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hookline.deploy.HooklineException;
import dev.hookline.deploy.kafka.TopicTailer;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hookline tail TOPIC}: a topic's records decoded to JSON, one a line. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print a topic's records as JSON lines: key, partition, offset, timestamp and decoded value.")
public final class TailCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TOPIC", description = "A Hookline topic, e.g. call.sessions.v1.")
    String topic;

    @Option(names = "--from-beginning", description = "Start from the oldest record instead of new ones.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", defaultValue = "0",
            description = "Stop after N records (default: no limit).")
    long max;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "Stop when no record came for this long, e.g. PT5S (default: wait forever).")
    Duration idleTimeout;

    @Mixin
    RegistryOptions registry;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TopicSpec<?> topicSpec = Topics.byName(topic, kafka.topicPrefix()).orElseThrow(() -> new HooklineException(
                topic + " is not a Hookline topic; known topics: "
                        + Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.joining(", "))));
        PrintWriter out = spec.commandLine().getOut();
        AtomicBoolean stopped = new AtomicBoolean();
        Thread stopper = new Thread(() -> stopped.set(true), "tail-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            new TopicTailer(kafka.clientProperties(), topicSpec, topicSpec.name(kafka.topicPrefix()), registry.formats())
                    .tail(fromBeginning, max, idleTimeout, stopped::get, json -> {
                        try {
                            out.println(AvroJson.MAPPER.writeValueAsString(json));
                            out.flush();
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping: the hook has run, nothing to remove.
            }
        }
        return 0;
    }
}
