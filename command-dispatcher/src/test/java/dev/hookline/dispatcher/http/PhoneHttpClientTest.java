package dev.hookline.dispatcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.driver.AuthScheme;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.PhoneHttpRequest;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.testkit.phones.PhoneAuth;
import dev.hookline.testkit.phones.ReceivedRequest;
import dev.hookline.testkit.phones.SimulatedPhone;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP client against simulated phones on loopback: the target as is, auth headers, Digest, failure kinds. */
class PhoneHttpClientTest {

    private static final Credentials LOGIN = new Credentials("admin", "pa55");

    private final Vertx vertx = Vertx.vertx();
    private final PhoneHttpClient client = new PhoneHttpClient(vertx, Duration.ofMillis(500), 1, false, false,
            new DigestAuthSigner());

    @AfterEach
    void stop() throws Exception {
        client.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private SimulatedPhone phone(String vendor, PhoneAuth auth) {
        return SimulatedPhone.builder(vendor).vertx(vertx).host("127.0.0.1").auth(auth).start();
    }

    private static PhoneHttpRequest request(String target, AuthScheme auth, Optional<Credentials> login) {
        return new PhoneHttpRequest("GET", target, Map.of("X-Test", "1"), null, auth, login, target);
    }

    private static PhoneTarget at(int port) {
        return new PhoneTarget("d1", "hanlong", null, "127.0.0.1", port);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldSendTheTargetAsIsWithBasicAuth() throws Exception {
        try (SimulatedPhone phone = phone("hanlong", PhoneAuth.basic("admin", "pa55"))) {
            PhoneReply reply = await(client.send(at(phone.port()),
                    request("/Phone_ActionURL&Command=1&Number=1002", AuthScheme.BASIC, Optional.of(LOGIN))));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(phone.requests()).singleElement().satisfies(seen -> {
                assertThat(seen.rawUri()).isEqualTo("/Phone_ActionURL&Command=1&Number=1002");
                assertThat(seen.header("Authorization")).isEqualTo("Basic YWRtaW46cGE1NQ==");
                assertThat(seen.header("X-Test")).isEqualTo("1");
            });
            assertThat(phone.state().lastDialed()).isEqualTo("1002");
        }
    }

    @Test
    void shouldSendNoAuthorizationWithoutCredentialsOrWithSchemeNone() throws Exception {
        try (SimulatedPhone phone = phone("hanlong", PhoneAuth.none())) {
            await(client.send(at(phone.port()), request("/Phone_ActionURL&Command=2", AuthScheme.BASIC, Optional.empty())));
            await(client.send(at(phone.port()), request("/Phone_ActionURL&Command=2", AuthScheme.NONE, Optional.of(LOGIN))));

            assertThat(phone.requests()).extracting(seen -> seen.header("Authorization")).containsExactly(null, null);
        }
    }

    @Test
    void shouldAnswerADigestChallengeOnceWithTheRealDigest() throws Exception {
        try (SimulatedPhone phone = phone("snom", PhoneAuth.digest("admin", "pa55"))) {
            PhoneReply reply = await(client.send(at(phone.port()),
                    request("/command.htm?number=1002", AuthScheme.BASIC_OR_DIGEST, Optional.of(LOGIN))));

            assertThat(reply.status()).as("302 is how Snom accepts a dial").isIn(200, 302);
            assertThat(phone.requests()).extracting(seen -> seen.header("Authorization"))
                    .satisfiesExactly(
                            first -> assertThat(first).startsWith("Basic "),
                            second -> assertThat(second).startsWith("Digest username=\"admin\"")
                                    .contains("uri=\"/command.htm?number=1002\""));
            assertThat(phone.state().lastDialed()).isEqualTo("1002");
        }
    }

    @Test
    void shouldKeepThe401WhenTheSchemeIsBasicOnlyOrTheLoginIsWrong() throws Exception {
        try (SimulatedPhone phone = phone("snom", PhoneAuth.digest("admin", "pa55"))) {
            PhoneReply basicOnly = await(client.send(at(phone.port()),
                    request("/command.htm?key=ENTER", AuthScheme.BASIC, Optional.of(LOGIN))));
            PhoneReply wrong = await(client.send(at(phone.port()), request("/command.htm?key=ENTER",
                    AuthScheme.BASIC_OR_DIGEST, Optional.of(new Credentials("admin", "wrong")))));

            assertThat(basicOnly.status()).isEqualTo(401);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(phone.requests()).as("one Basic; one Basic and one Digest").hasSize(3);
            assertThat(phone.requests()).extracting(ReceivedRequest::rawUri).containsOnly("/command.htm?key=ENTER");
        }
    }

    @Test
    void shouldReportARefusedConnectionAsAConnectFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        SendFailure failure = failure(client.send(at(closedPort), request("/x", AuthScheme.NONE, Optional.empty())));

        assertThat(failure.kind()).isEqualTo(SendFailure.Kind.CONNECT);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void shouldReportASilentPhoneAsATimeoutWithoutNamingTheTarget() throws Exception {
        try (SimulatedPhone phone = phone("hanlong", PhoneAuth.none()).slow(Duration.ofSeconds(3))) {
            SendFailure failure = failure(client.send(at(phone.port()),
                    request("/Phone_ActionURL&Command=2&pwd=secret", AuthScheme.NONE, Optional.empty())));

            assertThat(failure.kind()).isEqualTo(SendFailure.Kind.TIMEOUT);
            assertThat(failure.getMessage()).isEqualTo("no answer within 500 ms");
            assertThat(failure.getCause()).isNull();
        }
    }

    private static SendFailure failure(Future<PhoneReply> reply) throws Exception {
        try {
            await(reply);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SendFailure.class);
            return (SendFailure) e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
