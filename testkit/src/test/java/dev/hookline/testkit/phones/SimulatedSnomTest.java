package dev.hookline.testkit.phones;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedSnomTest {

    private static SimulatedPhone phone;

    @BeforeAll
    static void start() {
        phone = SimulatedPhone.builder("snom").host("127.0.0.5").start();
    }

    @AfterAll
    static void stop() {
        phone.close();
    }

    /** Snom's web server answers a dial (number=) with a 302 to index.htm. */
    @Test
    void shouldAnswerADialWithARedirect() {
        HttpResponse<String> response = PhoneClient.get(phone, "/command.htm?number=%2B49%2A1%23&outgoing_uri=1001@pbx");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/index.htm");
        assertThat(phone.state().lastDialed()).isEqualTo("+49*1#");
        assertThat(phone.state().lastAccount()).isEqualTo("1001@pbx");
    }

    @Test
    void shouldPressKeysDroppingTheirTimings() {
        HttpResponse<String> response = PhoneClient.get(phone, "/command.htm?key=1,100,50;%2A;%23;ENTER");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(phone.state().keyPresses()).containsSubsequence("1", "*", "#", "ENTER");
    }

    @Test
    void shouldSetDndAndReboot() {
        int reboots = phone.state().reboots();
        PhoneClient.get(phone, "/dummy.htm?settings=save&dnd_mode=on");
        assertThat(phone.state().dnd()).isTrue();
        PhoneClient.get(phone, "/dummy.htm?settings=save&dnd_mode=off");
        assertThat(phone.state().dnd()).isFalse();
        PhoneClient.get(phone, "/advanced_update.htm?reboot=Reboot");
        assertThat(phone.state().reboots()).isEqualTo(reboots + 1);
    }

    @Test
    void shouldReleaseAllCalls() {
        int hangups = phone.state().hangups();

        assertThat(PhoneClient.get(phone, "/command.htm?RELEASE_ALL_CALLS").statusCode()).isEqualTo(200);
        assertThat(phone.state().hangups()).isEqualTo(hangups + 1);
        assertThat(PhoneClient.get(phone, "/command.htm?nothing=1").statusCode()).isEqualTo(400);
    }
}
