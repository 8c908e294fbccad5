package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.deploy.kafka.TopicAdmin;
import dev.hookline.deploy.local.LocalKafkaCluster;
import dev.hookline.deploy.sim.ProvisionedVendors;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.sim.LoopbackAddresses;
import dev.hookline.testkit.sim.PhoneIdentity;
import dev.hookline.testkit.sim.SimulationReport;
import dev.hookline.testkit.sim.SimulationSettings;
import dev.hookline.testkit.sim.Simulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A three-broker cluster (3 replicas, min.insync.replicas=2) with the gateway, processor and
 * dispatcher in this JVM, simulated phones of every vendor calling through it (each with a party
 * of its own per call, serving its Action URI) and DIAL commands to them, for a test to inject
 * faults into while it all runs; then {@link #finishAndCheck()}.
 */
final class ClusterUnderLoad implements AutoCloseable {

    private static final int PHONES = 25;
    private static final Duration STARTUP = Duration.ofSeconds(150);

    private final LocalKafkaCluster cluster;
    private final InProcessPipeline pipeline;
    private final Simulator phones;
    private final CommandStream commands;
    private final Admin admin;
    private final long seed;

    private ClusterUnderLoad(LocalKafkaCluster cluster, InProcessPipeline pipeline, Simulator phones,
                             CommandStream commands, Admin admin, long seed) {
        this.cluster = cluster;
        this.pipeline = pipeline;
        this.phones = phones;
        this.commands = commands;
        this.admin = admin;
        this.seed = seed;
    }

    static ClusterUnderLoad start(Path dir, long seed) throws Exception {
        long startedAt = System.nanoTime();
        int port = PortBlock.free(7); // six for the brokers and their controllers, the last for the gateway
        LocalKafkaCluster cluster = new LocalKafkaCluster(new LocalKafkaCluster.Settings(dir.resolve("kafka"),
                "localhost", port, 3, "256m", STARTUP));
        InProcessPipeline pipeline = null;
        Simulator phones = null;
        Admin admin = null;
        try {
            cluster.start();
            String bootstrap = cluster.bootstrapServers();
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
            createTopics(bootstrap);
            awaitFullIsr(admin, Duration.ofSeconds(60));
            int actionUriPort = freeActionUriPort();
            pipeline = new InProcessPipeline(bootstrap, dir, port + 6, actionUriPort).start();
            phones = Simulator.start(SimulationSettings.builder(ProvisionedVendors.templates(ProvisionedVendors.all(),
                            pipeline.gatewayUrl(), Optional.empty()))
                    .phones(PHONES).callsPerSecond(3).duration(Duration.ofMinutes(15)).timeScale(0.05).seed(seed)
                    .actionUri(actionUriPort).distinctParties(true).build());
            List<PhoneIdentity> fleet = phones.fleet().phones();
            awaitEveryPhoneKnown(bootstrap, fleet);
            CommandStream commands = new CommandStream(bootstrap, fleet, Duration.ofMillis(700), seed);
            System.out.printf("ClusterUnderLoad: seed %d, ready with %d phones calling in %.1f s%n", seed, PHONES,
                    (System.nanoTime() - startedAt) / 1e9);
            return new ClusterUnderLoad(cluster, pipeline, phones, commands, admin, seed);
        } catch (Exception | Error e) {
            closeQuietly(phones, pipeline, admin, cluster);
            throw e;
        }
    }

    LocalKafkaCluster cluster() {
        return cluster;
    }

    InProcessPipeline pipeline() {
        return pipeline;
    }

    /** What the phones did so far. */
    SimulationReport report() {
        return phones.report();
    }

    /** Phones and commands go on for {@code duration}. */
    void runFor(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    /** The broker leading partition 0 of phone.raw.v1. */
    int leaderOfRawPartition0() throws Exception {
        return describe(admin, List.of(Topics.PHONE_RAW.name(""))).get(0).partitions().get(0).leader().id();
    }

    /** Every partition of every topic, Kafka's own included, has all its replicas in sync again. */
    void awaitFullIsr(Duration timeout) {
        awaitFullIsr(admin, timeout);
    }

    /**
     * Ends the run and checks it: no command after now (each sent one answered), no call starts
     * (calls under way, dialed ones included, play to their end), then every acknowledged request
     * is in phone.raw.v1, every acknowledged call one session with its outcome, every command one
     * result. A session written twice would show within the last few seconds of waiting.
     */
    void finishAndCheck() throws InterruptedException {
        commands.stop();
        Set<String> sent = commands.sent();
        String bootstrap = cluster.bootstrapServers();
        await("a result for every command").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(resultIds(bootstrap)).containsAll(sent));
        phones.stopCalls();
        await("the phones' last calls").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(phones::idle);
        SimulationReport report = phones.report();
        System.out.printf("ClusterUnderLoad: seed %d; %d requests, %d acknowledged; %d calls acknowledged, %d not "
                        + "(%d dialed); %d commands sent, %d unconfirmed%n", seed, report.sent(), report.acknowledged(),
                report.expected().size(), report.unconfirmedCalls(), report.dialed(), sent.size(),
                commands.unconfirmed().size());
        assertThat(report.expected()).as("calls acknowledged").hasSizeGreaterThan(40);
        assertThat(report.dialed()).as("calls placed on dial commands").isPositive();
        await("every acknowledged request and call in Kafka").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> check(bootstrap, report, sent));
        Thread.sleep(3000);
        check(bootstrap, report, sent);
    }

    private static void check(String bootstrap, SimulationReport report, Set<String> sent) {
        FaultInvariants.assertEveryAcknowledgedRequestStored(report.requests(),
                TopicContents.values(bootstrap, Topics.PHONE_RAW, ""));
        FaultInvariants.assertEveryAcknowledgedCallOneSession(report.expected(), report.unconfirmed(),
                TopicContents.values(bootstrap, Topics.CALL_SESSIONS, ""));
        FaultInvariants.assertOneResultPerCommand(sent, TopicContents.values(bootstrap, Topics.PHONE_COMMAND_RESULTS, ""));
    }

    private static Set<String> resultIds(String bootstrap) {
        return TopicContents.values(bootstrap, Topics.PHONE_COMMAND_RESULTS, "").stream()
                .map(result -> String.valueOf(result.getCommandId())).collect(Collectors.toSet());
    }

    private static void createTopics(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (TopicAdmin topics = TopicAdmin.connect(props)) {
            topics.createAll("", 3, Optional.of((short) 3));
        }
    }

    /** The dispatcher sends only to phones device.state.v1 knows, with their address. */
    private static void awaitEveryPhoneKnown(String bootstrap, List<PhoneIdentity> fleet) {
        Set<String> ids = fleet.stream().map(PhoneIdentity::deviceId).collect(Collectors.toSet());
        await("every phone in device.state.v1").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(TopicContents.values(bootstrap, Topics.DEVICE_STATE, "").stream()
                        .filter(state -> state.getIp() != null).map(DeviceState::getDeviceId).collect(Collectors.toSet()))
                        .containsAll(ids));
    }

    private static void awaitFullIsr(Admin admin, Duration timeout) {
        await("every replica in sync").atMost(timeout).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(10, TimeUnit.SECONDS);
            for (TopicDescription topic : describe(admin, topics)) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    assertThat(partition.isr()).as("%s-%d", topic.name(), partition.partition())
                            .hasSameSizeAs(partition.replicas());
                }
            }
        });
    }

    private static List<TopicDescription> describe(Admin admin, java.util.Collection<String> topics) throws Exception {
        return List.copyOf(admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values());
    }

    /** A port free on the first phone's address, for every phone's Action URI (each on its own address). */
    private static int freeActionUriPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LoopbackAddresses.forIndex(0)))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        commands.stop();
        closeQuietly(phones, pipeline, admin, cluster);
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                // Closing the rest regardless.
            }
        }
    }
}
