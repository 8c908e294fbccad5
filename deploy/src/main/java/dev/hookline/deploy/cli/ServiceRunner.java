package dev.hookline.deploy.cli;

import dev.hookline.deploy.local.LocalService;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs one service against an existing cluster until Ctrl-C or SIGTERM, then stops it cleanly. */
final class ServiceRunner {

    /** Settings every service reads the same way. */
    static final String BOOTSTRAP_KEY = "kafka.bootstrap.servers";
    static final String TOPIC_PREFIX_KEY = "topic.prefix";

    private ServiceRunner() {
    }

    /**
     * @param bootstrapOption the --bootstrap-server option, or null to take the settings' value
     * @param values the service's settings
     */
    static int runUntilStopped(LocalService service, String bootstrapOption, Map<String, Object> values, PrintWriter out)
            throws InterruptedException {
        String bootstrap = bootstrapOption != null ? bootstrapOption
                : (String) values.getOrDefault(BOOTSTRAP_KEY, "localhost:9092");
        String prefix = (String) values.getOrDefault(TOPIC_PREFIX_KEY, "");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "hookline-" + service.name().replace(' ', '-') + "-shutdown"));
        String where = service.start(bootstrap, prefix);
        out.println(service.name() + " ready: " + where + " -> Kafka at " + bootstrap);
        out.flush();
        stopped.await();
        return 0;
    }
}
