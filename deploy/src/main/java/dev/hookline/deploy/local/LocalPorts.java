package dev.hookline.deploy.local;

import dev.hookline.deploy.HooklineException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on this machine: check that one is free before a server takes it, find a free one. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** Fails with a message naming the option to change when the port is taken. */
    public static void requireFree(String host, int port, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new HooklineException("port " + port + " on " + host + " is already in use (another broker or "
                    + "'hookline local' running?); choose another with " + option, e);
        }
    }

    public static int findFree(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new HooklineException("cannot find a free port on " + host + " (" + e.getMessage() + ")", e);
        }
    }
}
