package dev.hookline.processor.query;

import dev.hookline.processor.query.access.AccessSettings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the query port is served (HTTP or HTTPS from PEM files) and how instances reach each other on it. */
public record QueryPort(HttpServerOptions serverOptions, WebClientOptions clientOptions) {

    /** @throws IllegalArgumentException naming the setting when a PEM file is missing or only half the pair is given */
    public static QueryPort of(AccessSettings settings) {
        if (settings.tlsCert().isPresent() != settings.tlsKey().isPresent()) {
            throw new IllegalArgumentException("query.tls.cert.file and query.tls.key.file go together: give both or neither");
        }
        if (!settings.tls()) {
            return new QueryPort(new HttpServerOptions(), new WebClientOptions());
        }
        Path cert = readable(settings.tlsCert().get(), "query.tls.cert.file");
        Path key = readable(settings.tlsKey().get(), "query.tls.key.file");
        Path ca = readable(settings.tlsCa().orElse(cert), "query.tls.ca.file");
        HttpServerOptions server = new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()));
        WebClientOptions client = new WebClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()));
        return new QueryPort(server, client);
    }

    private static Path readable(Path file, String setting) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(setting + ": cannot read " + file);
        }
        return file;
    }
}
