package dev.hookline.dispatcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.TestPhone;
import dev.hookline.dispatcher.driver.AuthScheme;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.PhoneHttpRequest;
import dev.hookline.dispatcher.driver.PhoneTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP client against a real server on loopback: auth headers, Digest round, failure kinds. */
class PhoneHttpClientTest {

    private static final Credentials LOGIN = new Credentials("admin", "pa55");

    private final Vertx vertx = Vertx.vertx();
    private final List<String> challenges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final PhoneHttpClient client = new PhoneHttpClient(vertx, Duration.ofMillis(500), 1, false, false,
            (challenge, method, uri, credentials) -> {
                challenges.add(challenge);
                return "Digest username=\"" + credentials.username() + "\", uri=\"" + uri + "\", response=\"x\"";
            });

    @AfterEach
    void stop() throws Exception {
        client.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static PhoneHttpRequest request(AuthScheme auth, Optional<Credentials> login) {
        return new PhoneHttpRequest("GET", "/Phone_ActionURL&Command=1&Number=1002", Map.of("X-Test", "1"), null, auth,
                login, "/Phone_ActionURL&Command=1&Number=1002");
    }

    private static PhoneTarget at(int port) {
        return new PhoneTarget("d1", "hanlong", null, "127.0.0.1", port);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldSendTheTargetAsIsWithBasicAuth() throws Exception {
        try (TestPhone phone = TestPhone.start(vertx, "127.0.0.1", 0)) {
            PhoneReply reply = await(client.send(at(phone.port()), request(AuthScheme.BASIC, Optional.of(LOGIN))));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("OK");
            assertThat(phone.seen()).singleElement().satisfies(seen -> {
                assertThat(seen.uri()).isEqualTo("/Phone_ActionURL&Command=1&Number=1002");
                assertThat(seen.authorization()).isEqualTo("Basic YWRtaW46cGE1NQ==");
            });
        }
    }

    @Test
    void shouldSendNoAuthorizationWithoutCredentialsOrWithSchemeNone() throws Exception {
        try (TestPhone phone = TestPhone.start(vertx, "127.0.0.1", 0)) {
            await(client.send(at(phone.port()), request(AuthScheme.BASIC, Optional.empty())));
            await(client.send(at(phone.port()), request(AuthScheme.NONE, Optional.of(LOGIN))));

            assertThat(phone.seen()).extracting(TestPhone.Seen::authorization).containsExactly(null, null);
        }
    }

    @Test
    void shouldAnswerADigestChallengeOnce() throws Exception {
        try (TestPhone phone = TestPhone.start(vertx, "127.0.0.1", 0)) {
            phone.answering(seen -> seen.authorization() != null && seen.authorization().startsWith("Digest") ? 200 : 401);
            PhoneReply withoutChallenge = await(client.send(at(phone.port()),
                    request(AuthScheme.BASIC_OR_DIGEST, Optional.of(LOGIN))));

            assertThat(withoutChallenge.status()).as("a 401 without a Digest challenge is final").isEqualTo(401);
            assertThat(phone.seen()).hasSize(1);
            assertThat(challenges).isEmpty();
        }
        try (DigestPhone phone = DigestPhone.start(vertx)) {
            PhoneReply reply = await(client.send(at(phone.port()), request(AuthScheme.BASIC_OR_DIGEST, Optional.of(LOGIN))));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(phone.authorizations()).hasSize(2);
            assertThat(phone.authorizations().get(0)).startsWith("Basic ");
            assertThat(phone.authorizations().get(1)).startsWith("Digest username=\"admin\"")
                    .contains("uri=\"/Phone_ActionURL&Command=1&Number=1002\"");
            assertThat(challenges).singleElement().asString().startsWith("Digest realm=");
        }
    }

    @Test
    void shouldReportARefusedConnectionAsAConnectFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Future<PhoneReply> reply = client.send(at(closedPort), request(AuthScheme.NONE, Optional.empty()));

        SendFailure failure = failure(reply);
        assertThat(failure.kind()).isEqualTo(SendFailure.Kind.CONNECT);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void shouldReportASilentPhoneAsATimeout() throws Exception {
        try (TestPhone phone = TestPhone.start(vertx, "127.0.0.1", 0)) {
            phone.slow(3000);

            SendFailure failure = failure(client.send(at(phone.port()), request(AuthScheme.NONE, Optional.empty())));

            assertThat(failure.kind()).isEqualTo(SendFailure.Kind.TIMEOUT);
            assertThat(failure.getMessage()).isEqualTo("no answer within 500 ms").doesNotContain("Phone_ActionURL");
        }
    }

    private static SendFailure failure(Future<PhoneReply> reply) throws Exception {
        try {
            await(reply);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SendFailure.class);
            return (SendFailure) e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
