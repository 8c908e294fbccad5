package dev.hookline.testkit.phones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedPhoneModesTest {

    private SimulatedPhone phone;

    @BeforeEach
    void start() {
        phone = SimulatedPhone.builder("hanlong").host("127.0.0.8").start();
    }

    @AfterEach
    void stop() {
        phone.close();
    }

    @Test
    void shouldListenOnTheGivenLoopbackAddressAndAnEphemeralPort() {
        assertThat(phone.host()).isEqualTo("127.0.0.8");
        assertThat(phone.port()).isPositive();
        assertThat(phone.baseUri()).isEqualTo("http://127.0.0.8:" + phone.port());
        assertThat(PhoneClient.get(phone, "/Phone_ActionURL&Command=2").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRecordEveryRequestAsReceived() {
        Instant before = Instant.now();
        PhoneClient.send(phone, "POST", "/Phone_ActionURL&Command=1&Number=*1%23", Map.of("X-Test", "yes"), "body text");

        assertThat(phone.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.rawUri()).isEqualTo("/Phone_ActionURL&Command=1&Number=*1%23");
            assertThat(r.header("x-test")).isEqualTo("yes");
            assertThat(r.header("X-TEST")).isEqualTo("yes");
            assertThat(r.body()).isEqualTo("body text");
            assertThat(r.receivedAt()).isBetween(before, Instant.now());
        });
        assertThat(phone.state().lastDialed()).isEqualTo("*1#");
    }

    @Test
    void shouldFailTheNextRequestsWithoutActingOnThem() {
        phone.failNext(2, 502);

        assertThat(PhoneClient.get(phone, "/Phone_ActionURL&Command=2").statusCode()).isEqualTo(502);
        assertThat(PhoneClient.get(phone, "/Phone_ActionURL&Command=2").statusCode()).isEqualTo(502);
        assertThat(phone.state().hangups()).isZero();
        assertThat(PhoneClient.get(phone, "/Phone_ActionURL&Command=2").statusCode()).isEqualTo(200);
        assertThat(phone.state().hangups()).isEqualTo(1);
        assertThat(phone.requests()).hasSize(3);
    }

    @Test
    void shouldRefuseWith403UntilToldOtherwise() {
        phone.refuse(true);
        assertThat(PhoneClient.get(phone, "/Phone_ActionURL&Command=2").statusCode()).isEqualTo(403);
        assertThat(phone.state().hangups()).isZero();

        phone.answerNormally();
        assertThat(PhoneClient.get(phone, "/Phone_ActionURL&Command=2").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerSlowlyWhenSlow() {
        phone.slow(Duration.ofMillis(300));
        long start = System.nanoTime();

        assertThat(PhoneClient.get(phone, "/Phone_ActionURL&Command=2").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void shouldRefuseAddressesOutsideLoopbackAndNon5xxFailures() {
        assertThatThrownBy(() -> SimulatedPhone.builder("snom").host("10.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> SimulatedPhone.builder("snom").host("localhost"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> phone.failNext(1, 404)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRunOnAGivenVertxAndLeaveItOpen() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            SimulatedPhone shared = SimulatedPhone.builder("snom").host("127.0.0.9").vertx(vertx).start();
            assertThat(PhoneClient.get(shared, "/command.htm?key=ENTER").statusCode()).isEqualTo(200);
            shared.close();

            // Still usable: a second phone runs on it after the first is gone.
            try (SimulatedPhone next = SimulatedPhone.builder("snom").host("127.0.0.9").vertx(vertx).start()) {
                assertThat(PhoneClient.get(next, "/command.htm?key=ENTER").statusCode()).isEqualTo(200);
            }
            assertThatThrownBy(() -> PhoneClient.get(shared, "/command.htm?key=ENTER")).isInstanceOf(AssertionError.class);
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
    }
}
