package dev.hookline.deploy.local;

/**
 * Entry point of the local broker's child JVM: runs Kafka's own {@code kafka.Kafka} main and
 * exits when the parent goes away. The parent holds the child's stdin open; when the parent
 * dies, even by kill -9, the pipe closes, and the broker shuts down cleanly instead of being
 * left running with the data dir locked.
 */
public final class BrokerProcessMain {

    private BrokerProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // The parent never writes; reading only waits for end of stream.
                }
            } catch (java.io.IOException closed) {
                // Same as end of stream: the parent is gone.
            }
            System.exit(0); // Runs Kafka's shutdown hook: a clean stop.
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        kafka.Kafka.main(args);
    }
}
