package dev.hookline.deploy.cli;

import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.format.RegistryCodec;
import dev.hookline.schema.format.ValueFormat;
import dev.hookline.schema.format.ValueFormats;
import dev.hookline.deploy.kafka.TopicAdmin;
import dev.hookline.schema.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hookline topics create|list}: the catalogue's topics on a cluster. */
@Command(name = "topics", description = "Create or list Hookline's topics.",
        mixinStandardHelpOptions = true,
        subcommands = {TopicsCommand.Create.class, TopicsCommand.ListTopics.class})
public final class TopicsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create every Hookline topic that does not exist yet, with the catalogue's settings; with "
                    + "--format avro-registry, also register each topic's value schema under <topic>-value.")
    static final class Create implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Mixin
        FormatOptions formats;

        @Option(names = "--partitions", defaultValue = "" + Topics.DEFAULT_PARTITIONS,
                description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor",
                description = "Replicas per partition (default: 3, or fewer when the cluster has fewer brokers).")
        Short replicationFactor;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (partitions < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be at least 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (TopicAdmin admin = TopicAdmin.connect(kafka.clientProperties())) {
                for (TopicAdmin.Created outcome : admin.createAll(kafka.topicPrefix(), partitions,
                        Optional.ofNullable(replicationFactor))) {
                    out.printf("%-28s %s%n", outcome.topic(), outcome.created() ? "created" : "exists");
                }
            }
            register(formats.formats(), out);
            out.flush();
            return 0;
        }

        /** Registers the value schema of every avro-registry topic, so services may run with registry.auto.register=false. */
        private void register(ValueFormats chosen, PrintWriter out) {
            for (TopicSpec<?> topic : Topics.ALL) {
                if (chosen.formatOf(topic) != ValueFormat.AVRO_REGISTRY) {
                    continue;
                }
                String subject = RegistryCodec.subject(topic.name(kafka.topicPrefix()));
                int id = chosen.registry().orElseThrow().register(subject, topic.valueSerde().schema());
                out.printf("%-28s registered (schema id %d)%n", subject, id);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show Hookline's topics with their partitions, replication, cleanup policy and retention.")
    static final class ListTopics implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (TopicAdmin admin = TopicAdmin.connect(kafka.clientProperties())) {
                out.printf("%-28s %-10s %-11s %-8s %-9s %s%n",
                        "TOPIC", "PARTITIONS", "REPLICATION", "CLEANUP", "RETENTION", "KEY");
                int missing = 0;
                for (TopicAdmin.TopicInfo info : admin.describeAll(kafka.topicPrefix())) {
                    if (!info.exists()) {
                        missing++;
                        out.printf("%-28s %s%n", info.name(), "missing");
                        continue;
                    }
                    out.printf("%-28s %-10d %-11d %-8s %-9s %s%n", info.name(), info.partitions(),
                            info.replicationFactor(), info.cleanupPolicy(),
                            info.retention().map(ListTopics::human).orElse("-"), info.spec().keyFormat());
                }
                if (missing > 0) {
                    out.println(missing + " topic(s) missing: run 'hookline topics create'");
                }
            }
            out.flush();
            return 0;
        }

        static String human(Duration duration) {
            if (duration.toMillis() % Duration.ofDays(1).toMillis() == 0) {
                return duration.toDays() + "d";
            }
            if (duration.toMillis() % Duration.ofHours(1).toMillis() == 0) {
                return duration.toHours() + "h";
            }
            return duration.toMillis() + "ms";
        }
    }
}
