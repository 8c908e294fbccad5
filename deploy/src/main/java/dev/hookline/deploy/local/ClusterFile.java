package dev.hookline.deploy.local;

import dev.hookline.deploy.HooklineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * {@code cluster.properties} in the data dir of a cluster of several nodes: its size and the
 * cluster id every node's log dir is formatted with. The id is chosen once and remembered, so a
 * node formatted later (a new node dir, or one the user deleted) joins the same cluster. A single
 * node has no such file: its id lives only in its own {@code kafka/meta.properties}, as always.
 */
public final class ClusterFile {

    private static final String BROKERS = "brokers";
    private static final String CLUSTER_ID = "cluster.id";

    private ClusterFile() {
    }

    /** Fails, before anything starts, when the data dir holds a cluster of another size. */
    public static void requireSameSize(LocalClusterLayout layout) {
        Optional<Integer> remembered = read(layout.clusterFile()).map(props -> Integer.parseInt(props.getProperty(BROKERS)));
        int held = remembered.orElse(Files.exists(layout.singleNodeMeta()) ? 1 : layout.brokers());
        if (held != layout.brokers()) {
            throw new HooklineException("the data dir " + layout.dataDir() + " holds a cluster of " + held
                    + (held == 1 ? " broker" : " brokers") + "; run with --brokers " + held
                    + ", or give " + layout.brokers() + " brokers another --data-dir");
        }
    }

    /** The cluster id, chosen and written on first use. */
    public static String clusterId(LocalClusterLayout layout) {
        Optional<String> id = read(layout.clusterFile()).map(props -> props.getProperty(CLUSTER_ID));
        if (id.isPresent()) {
            return id.get();
        }
        String fresh = Uuid.randomUuid().toString();
        Properties props = new Properties();
        props.put(BROKERS, Integer.toString(layout.brokers()));
        props.put(CLUSTER_ID, fresh);
        try (OutputStream out = Files.newOutputStream(layout.clusterFile())) {
            props.store(out, "Written by hookline local when it first formatted this cluster; keep it with the kafka-N dirs.");
        } catch (IOException e) {
            throw new HooklineException("cannot write " + layout.clusterFile() + " (" + e + "); choose another --data-dir", e);
        }
        return fresh;
    }

    private static Optional<Properties> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new HooklineException("cannot read " + file + " (" + e + "); choose another --data-dir", e);
        }
        if (props.getProperty(CLUSTER_ID, "").isBlank() || !props.getProperty(BROKERS, "").matches("[1-9][0-9]*")) {
            throw new HooklineException(file + " is damaged (it needs " + BROKERS + " and " + CLUSTER_ID
                    + "); restore it or choose another --data-dir");
        }
        return Optional.of(props);
    }
}
