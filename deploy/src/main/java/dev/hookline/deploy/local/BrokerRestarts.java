package dev.hookline.deploy.local;

import dev.hookline.deploy.HooklineException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Local mode with several brokers: a broker that stops by itself (a user's {@code kill -9}) is
 * reported, and started again after a delay, so the user sees the cluster carry on without it
 * for a while and then take it back. Called by local mode's main loop, about once a second.
 */
public final class BrokerRestarts {

    private final LocalKafkaCluster cluster;
    private final Duration delay;
    private final PrintWriter out;
    private final LongSupplier nanoTime;
    /** Stopped nodes by id, and when each is due to start again (System.nanoTime). */
    private final Map<Integer, Long> due = new HashMap<>();

    public BrokerRestarts(LocalKafkaCluster cluster, Duration delay, PrintWriter out) {
        this(cluster, delay, out, System::nanoTime);
    }

    BrokerRestarts(LocalKafkaCluster cluster, Duration delay, PrintWriter out, LongSupplier nanoTime) {
        this.cluster = cluster;
        this.delay = delay;
        this.out = out;
        this.nanoTime = nanoTime;
    }

    public void check() {
        long now = nanoTime.getAsLong();
        for (LocalKafkaNode node : cluster.nodes()) {
            Long restartAt = due.get(node.id());
            if (restartAt == null && !node.isAlive()) {
                due.put(node.id(), now + delay.toNanos());
                long running = cluster.nodes().stream().filter(LocalKafkaNode::isAlive).count();
                say("broker " + node.id() + " (pid " + node.pid().orElse(-1) + ") stopped (exit code "
                        + node.exitCode().orElse(-1) + "); " + running + " of " + cluster.nodes().size()
                        + " brokers run on; it starts again in " + delay.toSeconds() + " s (log: " + node.layout().log() + ")");
            } else if (restartAt != null && now - restartAt >= 0) {
                restart(node, now);
            }
        }
    }

    private void restart(LocalKafkaNode node, long now) {
        try {
            cluster.restart(node.id());
            due.remove(node.id());
            say("broker " + node.id() + " started again (pid " + node.pid().orElse(-1) + "); it rejoins the cluster "
                    + "and catches up by itself");
        } catch (HooklineException e) {
            due.put(node.id(), now + delay.toNanos());
            say("broker " + node.id() + " cannot start again (" + e.getMessage() + "); trying again in "
                    + delay.toSeconds() + " s");
        }
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
