package dev.hookline.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Consecutive ports free now, below the range the OS hands out to outgoing connections, so no
 * client socket takes a stopped server's port (a killed broker's, a gateway restarted on its
 * port) before it starts again.
 */
final class PortBlock {

    private PortBlock() {
    }

    /** The first of {@code count} consecutive ports free on localhost. */
    static int free(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 32000 - count);
            if (IntStream.range(base, base + count).allMatch(PortBlock::isFree)) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports found on localhost");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
