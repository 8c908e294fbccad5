package dev.hookline.deploy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.deploy.dlq.DeadLetterGroups;
import dev.hookline.deploy.kafka.TopicSnapshot;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.Topics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hookline dlq top}: what the phones send that Hookline does not read yet. */
@Command(name = "dlq", description = "Look into the dead-letter topic.", mixinStandardHelpOptions = true,
        subcommands = {DlqCommand.Top.class})
public final class DlqCommand {

    @Command(name = "top", mixinStandardHelpOptions = true,
            description = "The dead-letter topic grouped by error and request shape (path and parameter names, "
                    + "values blanked), most frequent first, with a count and one example each.")
    static final class Top implements Callable<Integer> {
        @Mixin
        RegistryOptions registry;

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
                description = "Show the N largest groups (0: all; default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--max-records", paramLabel = "N", defaultValue = "1000000",
                description = "Read at most N dead letters, oldest first (default: ${DEFAULT-VALUE}).")
        long maxRecords;

        @Option(names = "--json", description = "One JSON object per group instead of the table.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (limit < 0 || maxRecords < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 0 and --max-records at least 1");
            }
            String topic = Topics.PHONE_EVENTS_DLQ.name(kafka.topicPrefix());
            DeadLetterGroups groups = new DeadLetterGroups();
            List<String> undecodable = new ArrayList<>();
            long read = TopicSnapshot.read(kafka.clientProperties(), Topics.PHONE_EVENTS_DLQ, registry.formats(), topic, maxRecords,
                    groups::add, undecodable::add);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                printJson(out, groups);
            } else {
                printTable(out, topic, read, groups, undecodable);
            }
            out.flush();
            return 0;
        }

        private void printTable(PrintWriter out, String topic, long read, DeadLetterGroups groups, List<String> undecodable) {
            out.printf("%s: %d dead letters%s in %d groups (error code and request shape)%n", topic, groups.total(),
                    read >= maxRecords ? " (the first " + maxRecords + ", --max-records)" : "", groups.size());
            if (!undecodable.isEmpty()) {
                out.printf("%d records could not be decoded, e.g. %s%n", undecodable.size(), undecodable.get(0));
            }
            for (DeadLetterGroups.Group g : groups.top(limit)) {
                out.printf("%n%8d  %-16s %s%n", g.count(), g.code(), g.shape());
                out.printf("          e.g. %s%n", g.example());
                if (g.userAgent() != null) {
                    out.printf("          User-Agent: %s%n", g.userAgent());
                }
                out.printf("          %s%n", g.reason());
            }
            if (limit > 0 && groups.size() > limit) {
                out.printf("%n%d more groups (--limit 0 shows all)%n", groups.size() - limit);
            }
        }

        private void printJson(PrintWriter out, DeadLetterGroups groups) {
            for (DeadLetterGroups.Group g : groups.top(limit)) {
                ObjectNode line = AvroJson.MAPPER.createObjectNode();
                line.put("count", g.count()).put("errorCode", g.code()).put("shape", g.shape())
                        .put("example", g.example()).put("userAgent", g.userAgent()).put("reason", g.reason())
                        .put("lastFailedAt", g.lastAt() == null ? null : g.lastAt().toString());
                try {
                    out.println(AvroJson.MAPPER.writeValueAsString(line));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
