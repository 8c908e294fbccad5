package dev.hookline.deploy.local;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One node of a local cluster (a combined broker and controller) as a child JVM of its own, so
 * it can be stopped, killed ({@code kill -9 <pid>}) and started again without the others. Its
 * config must be written and its log dir formatted before the first {@link #start()}.
 */
public final class LocalKafkaNode {

    private final NodeLayout layout;
    private final String heap;
    private Process process;

    LocalKafkaNode(NodeLayout layout, String heap) {
        this.layout = layout;
        this.heap = heap;
    }

    public int id() {
        return layout.id();
    }

    public NodeLayout layout() {
        return layout;
    }

    /** Starts the node's JVM unless it runs; does not wait for it to join the cluster. */
    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        String option = "--kafka-port";
        LocalPorts.requireFree(layout.host(), layout.clientPort(), option);
        LocalPorts.requireFree(layout.host(), layout.controllerPort(), option);
        process = ChildJvm.start(heap, List.of(BrokerProcessMain.class.getName(), layout.config().toString()), layout.log());
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The process id of the node's JVM, running or last run; empty before the first start. */
    public synchronized OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /** The exit code once the JVM has ended. */
    public synchronized OptionalInt exitCode() {
        return process == null || process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Asks the node to stop (SIGTERM: Kafka's clean shutdown) without waiting for it. */
    synchronized void requestStop() {
        if (isAlive()) {
            process.destroy();
        }
    }

    /** Waits for the node to stop after {@link #requestStop()}, killing it after 30 s. */
    void awaitStop() {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null) {
            return;
        }
        try {
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                current.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the node cleanly (see {@link #requestStop()}); it can be started again. */
    public void stop() {
        requestStop();
        awaitStop();
    }
}
