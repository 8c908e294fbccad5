package dev.hookline.testkit.phones;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedAastraTest {

    private static final String DIAL = "<AastraIPPhoneExecute><ExecuteItem URI=\"Dial:1002\"/>"
            + "<ExecuteItem URI=\"Key:KeyPadPound\"/></AastraIPPhoneExecute>";
    private static SimulatedPhone phone;

    @BeforeAll
    static void start() {
        phone = SimulatedPhone.builder("aastra").host("127.0.0.6").start();
    }

    @AfterAll
    static void stop() {
        phone.close();
    }

    /** Aastra XML developer guide: POST / with the body xml=<AastraIPPhone...>, not URL-encoded. */
    @Test
    void shouldExecuteARawXmlPush() {
        int status = PhoneClient.send(phone, "POST", "/", Map.of("Content-Type", "text/xml"), "xml=" + DIAL).statusCode();

        assertThat(status).isEqualTo(200);
        assertThat(phone.state().lastDialed()).isEqualTo("1002");
        assertThat(phone.state().keyPresses()).last().isEqualTo("KeyPadPound");
        assertThat(phone.requests()).last().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.body()).isEqualTo("xml=" + DIAL);
            assertThat(r.header("content-type")).isEqualTo("text/xml");
        });
    }

    @Test
    void shouldAlsoReadAFormEncodedPush() {
        String xml = "<AastraIPPhoneExecute><ExecuteItem URI=\"DialLine:2:+4930\"/>"
                + "<ExecuteItem URI=\"Command: Reset\"/></AastraIPPhoneExecute>";
        int reboots = phone.state().reboots();

        int status = PhoneClient.send(phone, "POST", "/", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "xml=" + URLEncoder.encode(xml, StandardCharsets.UTF_8)).statusCode();

        assertThat(status).isEqualTo(200);
        assertThat(phone.state().lastDialed()).isEqualTo("+4930");
        assertThat(phone.state().lastAccount()).isEqualTo("2");
        assertThat(phone.state().reboots()).isEqualTo(reboots + 1);
    }

    @Test
    void shouldRefuseAnythingButAnXmlPostToTheRoot() {
        assertThat(PhoneClient.get(phone, "/").statusCode()).isEqualTo(405);
        assertThat(PhoneClient.send(phone, "POST", "/x", Map.of(), "xml=" + DIAL).statusCode()).isEqualTo(404);
        assertThat(PhoneClient.send(phone, "POST", "/", Map.of(), DIAL).statusCode()).isEqualTo(400);
    }
}
