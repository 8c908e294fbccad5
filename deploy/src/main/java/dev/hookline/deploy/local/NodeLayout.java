package dev.hookline.deploy.local;

import java.nio.file.Path;

/**
 * Where one node of a local Kafka cluster listens and keeps its files.
 *
 * @param id         the node id (1..N), broker and controller alike
 * @param clientPort the port clients and the other brokers connect to
 * @param controllerPort the port of this node's KRaft controller
 * @param logDir     Kafka's log.dirs: the node's records and metadata
 * @param config     the server.properties written at each start
 * @param log        the node's own output
 * @param formatLog  the output of formatting its log dir
 */
public record NodeLayout(int id, String host, int clientPort, int controllerPort, Path logDir, Path config, Path log,
                         Path formatLog) {

    /** host:port of the broker, as clients bootstrap from it. */
    public String address() {
        return host + ":" + clientPort;
    }

    /** This node as an entry of controller.quorum.voters. */
    public String voter() {
        return id + "@" + host + ":" + controllerPort;
    }

    /** Formatting writes this file; its presence means the log dir belongs to a cluster already. */
    public Path metaProperties() {
        return logDir.resolve("meta.properties");
    }
}
