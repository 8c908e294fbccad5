package dev.hookline.deploy.local;

import dev.hookline.deploy.HooklineException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Formats the log dirs of new nodes with Kafka's StorageTool, all at once, each in its own JVM. */
final class StorageFormat {

    private static final long TIMEOUT_SECONDS = 60;

    private StorageFormat() {
    }

    /** Formats every node whose log dir is not formatted yet; formatted ones are left as they are. */
    static void formatNew(List<NodeLayout> nodes, String clusterId, String heap) {
        Map<NodeLayout, Process> running = new LinkedHashMap<>();
        try {
            for (NodeLayout node : nodes) {
                if (!Files.exists(node.metaProperties())) {
                    running.put(node, ChildJvm.start(heap, List.of("kafka.tools.StorageTool", "format", "-t", clusterId,
                            "-c", node.config().toString()), node.formatLog()));
                }
            }
            for (Map.Entry<NodeLayout, Process> format : running.entrySet()) {
                await(format.getKey(), format.getValue());
            }
        } finally {
            running.values().forEach(Process::destroyForcibly);
        }
    }

    private static void await(NodeLayout node, Process format) {
        try {
            if (!format.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new HooklineException("formatting the broker's data dir took over " + TIMEOUT_SECONDS + " s; see "
                        + node.formatLog());
            }
            if (format.exitValue() != 0) {
                throw new HooklineException("cannot format the broker's data dir " + node.logDir() + ": "
                        + LogTail.of(node.formatLog(), 5) + " (see " + node.formatLog()
                        + "; choose another dir with --data-dir)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HooklineException("interrupted while formatting the broker's data dir", e);
        }
    }
}
