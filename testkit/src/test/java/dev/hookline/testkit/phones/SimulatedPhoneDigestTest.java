package dev.hookline.testkit.phones;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedPhoneDigestTest {

    private static final String TARGET = "/command.htm?key=ENTER";
    private static SimulatedPhone phone;

    @BeforeAll
    static void start() {
        phone = SimulatedPhone.builder("snom").host("127.0.0.7").auth(PhoneAuth.digest("admin", "pw")).start();
    }

    @AfterAll
    static void stop() {
        phone.close();
    }

    private static String challenge() {
        HttpResponse<String> first = PhoneClient.get(phone, TARGET);
        assertThat(first.statusCode()).isEqualTo(401);
        return first.headers().firstValue("WWW-Authenticate").orElseThrow();
    }

    @Test
    void shouldChallengeWithMd5AndQopAuth() {
        assertThat(challenge()).startsWith("Digest realm=\"snom\", qop=\"auth\", nonce=\"").endsWith("algorithm=MD5");
    }

    @Test
    void shouldObeyACorrectDigest() {
        int answers = phone.state().answers();
        String authorization = PhoneClient.digest(challenge(), "GET", TARGET, "admin", "pw", "00000001");

        assertThat(PhoneClient.get(phone, TARGET, Map.of("Authorization", authorization)).statusCode()).isEqualTo(200);
        assertThat(phone.state().answers()).isEqualTo(answers + 1);
    }

    @Test
    void shouldRefuseAWrongPassword() {
        int answers = phone.state().answers();
        String authorization = PhoneClient.digest(challenge(), "GET", TARGET, "admin", "wrong", "00000001");

        HttpResponse<String> response = PhoneClient.get(phone, TARGET, Map.of("Authorization", authorization));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Digest "));
        assertThat(phone.state().answers()).isEqualTo(answers);
    }

    @Test
    void shouldRefuseAReplayedNonceCountButTakeTheNext() {
        String challenge = challenge();
        Map<String, String> once = Map.of("Authorization", PhoneClient.digest(challenge, "GET", TARGET, "admin", "pw", "00000001"));

        assertThat(PhoneClient.get(phone, TARGET, once).statusCode()).isEqualTo(200);
        assertThat(PhoneClient.get(phone, TARGET, once).statusCode()).isEqualTo(401);
        assertThat(PhoneClient.get(phone, TARGET, Map.of("Authorization",
                PhoneClient.digest(challenge, "GET", TARGET, "admin", "pw", "00000002"))).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseADigestForAnotherTargetOrAnUnknownNonce() {
        String otherTarget = PhoneClient.digest(challenge(), "GET", "/command.htm?key=CANCEL", "admin", "pw", "00000001");
        String madeUpNonce = PhoneClient.digest("Digest realm=\"snom\", nonce=\"00ff\", opaque=\"x\"", "GET", TARGET,
                "admin", "pw", "00000001");

        assertThat(PhoneClient.get(phone, TARGET, Map.of("Authorization", otherTarget)).statusCode()).isEqualTo(401);
        assertThat(PhoneClient.get(phone, TARGET, Map.of("Authorization", madeUpNonce)).statusCode()).isEqualTo(401);
        assertThat(PhoneClient.get(phone, TARGET, PhoneClient.basic("admin", "pw")).statusCode()).isEqualTo(401);
    }
}
