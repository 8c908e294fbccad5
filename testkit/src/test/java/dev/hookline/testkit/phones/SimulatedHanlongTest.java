package dev.hookline.testkit.phones;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedHanlongTest {

    private static final Map<String, String> LOGIN = PhoneClient.basic("admin", "admin");
    private static SimulatedPhone phone;

    @BeforeAll
    static void start() {
        phone = SimulatedPhone.builder("hanlong").host("127.0.0.4").auth(PhoneAuth.basic("admin", "admin")).start();
    }

    @AfterAll
    static void stop() {
        phone.close();
    }

    /** Hanlong UC860 Action URL note: "http://admin:admin@192.168.0.124/Phone_ActionURL&Command=1&Number=206&Account=1". */
    @Test
    void shouldDialFromThePathWithAmpersands() {
        assertThat(PhoneClient.get(phone, "/Phone_ActionURL&Command=1&Number=206&Account=1", LOGIN).statusCode())
                .isEqualTo(200);

        assertThat(phone.state().lastDialed()).isEqualTo("206");
        assertThat(phone.state().lastAccount()).isEqualTo("1");
        assertThat(phone.requests()).last().extracting(ReceivedRequest::rawUri)
                .isEqualTo("/Phone_ActionURL&Command=1&Number=206&Account=1");
    }

    @Test
    void shouldHangUpAndPressKeys() {
        int hangups = phone.state().hangups();
        PhoneClient.get(phone, "/Phone_ActionURL&Command=2", LOGIN);
        PhoneClient.get(phone, "/Phone_ActionURL&Command=3&key=DNDOn", LOGIN);
        PhoneClient.get(phone, "/Phone_ActionURL&key=F_HOLD", LOGIN);

        assertThat(phone.state().hangups()).isEqualTo(hangups + 1);
        assertThat(phone.state().dnd()).isTrue();
        assertThat(phone.state().onHold()).isTrue();
        assertThat(phone.state().keyPresses()).containsSubsequence("DNDOn", "F_HOLD");
    }

    @Test
    void shouldRefuseMalformedCommands() {
        assertThat(PhoneClient.get(phone, "/Phone_ActionURL?Command=2", LOGIN).statusCode()).isEqualTo(404);
        assertThat(PhoneClient.get(phone, "/Phone_ActionURL&Command=1", LOGIN).statusCode()).isEqualTo(400);
        assertThat(PhoneClient.get(phone, "/Phone_ActionURL&Command=9", LOGIN).statusCode()).isEqualTo(400);
        assertThat(PhoneClient.get(phone, "/Phone_ActionURL&Command=2").statusCode()).isEqualTo(401);
    }
}
