package dev.hookline.deploy.sim;

import dev.hookline.deploy.HooklineException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The gateway URL simulated phones may call. They send from 127.x.y.z addresses, which reach
 * only this machine, so the gateway must be on an IPv4 loopback address (or {@code localhost}).
 */
public final class LoopbackGateway {

    private LoopbackGateway() {
    }

    /** @param option the command-line option the URL came from, named in errors */
    public static String check(String url, String option) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new HooklineException(option + " '" + url + "' is not a URL, e.g. http://127.0.0.1:8080");
        }
        if (uri.getScheme() == null || !uri.getScheme().equals("http") || uri.getHost() == null) {
            throw new HooklineException(option + " '" + url + "' must be an http:// URL, e.g. http://127.0.0.1:8080");
        }
        if (!isIpv4Loopback(uri.getHost())) {
            throw new HooklineException(option + " '" + url + "': simulated phones send from 127.x addresses and can"
                    + " only reach a gateway on this machine; use http://127.0.0.1:PORT");
        }
        return url.strip();
    }

    private static boolean isIpv4Loopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
