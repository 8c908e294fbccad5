package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.deploy.local.LocalRegistry;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.format.FormatConfig;
import dev.hookline.schema.format.RegistryClient;
import dev.hookline.schema.format.RegistryUnavailableException;
import dev.hookline.schema.format.ValueFormats;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry behind TLS and HTTP Basic, as production registries run (here: the real registry
 * behind a small TLS proxy that checks the credentials): the registry settings reach it with a
 * private CA file and user info, and their errors never show the password.
 */
class RegistryTlsIT {

    private static final String USER_INFO = "hookline:s3cret-pass";

    @TempDir
    static Path temp;

    private static LocalRegistry registry;
    private static Vertx vertx;
    private static HttpServer proxy;
    private static Path caFile;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start("127.0.0.1", 0, temp.resolve("registry.log"));
        Path keystore = temp.resolve("proxy.p12");
        caFile = temp.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "registry", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", caFile.toString());
        vertx = Vertx.vertx();
        HttpClient upstream = vertx.createHttpClient();
        String expected = "Basic " + Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8));
        proxy = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
                        .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword("changeit")))
                .requestHandler(request -> {
                    if (!expected.equals(request.getHeader("Authorization"))) {
                        request.response().setStatusCode(401).end("{\"error_code\":401,\"message\":\"Unauthorized\"}");
                        return;
                    }
                    request.body().compose(body -> upstream.request(new RequestOptions().setMethod(request.method())
                                    .setHost("127.0.0.1").setPort(registry.port()).setURI(request.uri())
                                    .putHeader("Content-Type", request.getHeader("Content-Type") == null
                                            ? "application/json" : request.getHeader("Content-Type")))
                            .compose(forward -> forward.send(body == null ? Buffer.buffer() : body))
                            .compose(answer -> answer.body().map(bytes -> {
                                request.response().setStatusCode(answer.statusCode()).end(bytes);
                                return bytes;
                            })))
                            .onFailure(error -> request.response().setStatusCode(502).end(error.toString()));
                })
                .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldRegisterThroughTlsWithACaFileAndBasicCredentials() {
        ValueFormats formats = formats(Map.of(FormatConfig.REGISTRY_USER_INFO, USER_INFO,
                FormatConfig.REGISTRY_CA, caFile.toString()));
        RegistryClient client = formats.registry().orElseThrow();

        int id = client.register("tls.call.sessions.v1-value", CallSession.getClassSchema());

        assertThat(client.schema(id)).isEqualTo(CallSession.getClassSchema());
        assertThat(client.subjects()).contains("tls.call.sessions.v1-value");
        assertThat(formats.toString()).doesNotContain("s3cret-pass");
    }

    @Test
    void wrongCredentialsShouldBeOneErrorThatNamesTheSettingNotThePassword() {
        RegistryClient client = formats(Map.of(FormatConfig.REGISTRY_USER_INFO, "hookline:wrong-pass",
                FormatConfig.REGISTRY_CA, caFile.toString())).registry().orElseThrow();

        assertThatThrownBy(client::check).isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("registry.basic.auth.user.info")
                .hasMessageNotContaining("wrong-pass");
    }

    @Test
    void aCertificateNotTrustedShouldBeRefused() {
        RegistryClient client = formats(Map.of(FormatConfig.REGISTRY_USER_INFO, USER_INFO)).registry().orElseThrow();

        assertThatThrownBy(client::check).isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("did not answer").hasMessageContaining("SSL");
    }

    private static ValueFormats formats(Map<String, Object> extra) {
        Map<String, Object> settings = new java.util.HashMap<>(extra);
        settings.put(FormatConfig.VALUE_FORMAT, "avro-registry");
        settings.put(FormatConfig.REGISTRY_URL, "https://127.0.0.1:" + proxy.actualPort() + "/apis/ccompat/v7");
        settings.put(FormatConfig.REGISTRY_TIMEOUT_MS, 10_000L);
        return FormatConfig.formats(new AbstractConfig(FormatConfig.define(new ConfigDef()), settings, false));
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.exists(Path.of(args[args.length - 1].endsWith(".pem") ? args[args.length - 1]
                : temp.resolve("proxy.p12").toString()))).isTrue();
    }
}
