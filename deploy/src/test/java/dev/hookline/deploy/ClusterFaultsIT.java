package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.deploy.local.LocalKafkaNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of a real three-broker cluster and of the services, under load: simulated phones of every
 * vendor call through the gateway, processor and dispatcher while DIAL commands reach them (see
 * {@link ClusterUnderLoad}). After each run every acknowledged request is in phone.raw.v1, every
 * acknowledged call is exactly one session with the outcome it was played with, and every
 * command has exactly one result. {@code -Dhookline.faults.seed=S} replays a run's phones and commands.
 */
class ClusterFaultsIT {

    @TempDir
    Path temp;

    private final long seed = Long.getLong("hookline.faults.seed", System.nanoTime() % 100_000);

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void shouldLoseAndDoubleNothingWhenOneOfThreeBrokersIsKilledUnderLoad() throws Exception {
        long started = System.nanoTime();
        try (ClusterUnderLoad run = ClusterUnderLoad.start(temp, seed)) {
            run.runFor(Duration.ofSeconds(10));
            int victim = run.leaderOfRawPartition0();
            LocalKafkaNode node = run.cluster().node(victim);
            ProcessHandle.of(node.pid().orElseThrow()).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> !node.isAlive());
            assertThat(node.exitCode()).as("broker %d's exit code (128 + SIGKILL)", victim).hasValue(137);
            long before = run.report().acknowledged();

            run.runFor(Duration.ofSeconds(20));
            assertThat(run.report().acknowledged()).as("requests acknowledged with broker %d down", victim)
                    .isGreaterThan(before + 50);
            run.cluster().restart(victim);
            run.awaitFullIsr(Duration.ofSeconds(120));
            run.runFor(Duration.ofSeconds(10));
            run.finishAndCheck();
        }
        System.out.printf("ClusterFaultsIT broker kill: %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void shouldLoseAndDoubleNothingThroughARollingRestartOfEveryServiceAndBrokerUnderLoad() throws Exception {
        long started = System.nanoTime();
        try (ClusterUnderLoad run = ClusterUnderLoad.start(temp, seed)) {
            run.runFor(Duration.ofSeconds(8));
            step(run, "gateway", () -> run.pipeline().restartGateway());
            step(run, "processor", () -> run.pipeline().restartProcessor());
            step(run, "dispatcher", () -> run.pipeline().restartDispatcher());
            for (LocalKafkaNode node : run.cluster().nodes()) {
                step(run, "broker " + node.id(), () -> {
                    node.stop();
                    assertThat(node.isAlive()).isFalse();
                    run.cluster().restart(node.id());
                    run.awaitFullIsr(Duration.ofSeconds(120));
                });
            }
            run.finishAndCheck();
        }
        System.out.printf("ClusterFaultsIT rolling restart: %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** One restart while the phones call, and calls acknowledged after it (the restarted part serves again). */
    private static void step(ClusterUnderLoad run, String what, Restart restart) throws Exception {
        long at = System.nanoTime();
        restart.run();
        System.out.printf("ClusterFaultsIT: %s restarted in %.1f s%n", what, (System.nanoTime() - at) / 1e9);
        long before = run.report().acknowledged();
        run.runFor(Duration.ofSeconds(8));
        assertThat(run.report().acknowledged()).as("requests acknowledged after the %s restart", what)
                .isGreaterThan(before + 20);
    }

    @FunctionalInterface
    private interface Restart {
        void run() throws Exception;
    }
}
