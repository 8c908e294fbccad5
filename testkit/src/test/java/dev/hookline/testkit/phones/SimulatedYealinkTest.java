package dev.hookline.testkit.phones;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedYealinkTest {

    private static SimulatedPhone phone;

    @BeforeAll
    static void start() {
        phone = SimulatedPhone.builder("yealink").host("127.0.0.2")
                .auth(PhoneAuth.basic("admin", "pw"))
                .firmware("108.86.0.40").account("1001@10.0.0.1").account("1002@10.0.0.1")
                .start();
    }

    @AfterAll
    static void stop() {
        phone.close();
    }

    @Test
    void shouldDialWithTheOutgoingUri() {
        HttpResponse<String> response = PhoneClient.get(phone,
                "/servlet?key=number=%2B4930*1%23&outgoing_uri=1002@10.0.0.1", PhoneClient.basic("admin", "pw"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(phone.state().lastDialed()).isEqualTo("+4930*1#");
        assertThat(phone.state().lastAccount()).isEqualTo("1002@10.0.0.1");
    }

    @Test
    void shouldApplyChainedKeys() {
        boolean dndBefore = phone.state().dnd();
        int rebootsBefore = phone.state().reboots();
        PhoneClient.get(phone, "/servlet?key=DNDOn", PhoneClient.basic("admin", "pw"));
        assertThat(phone.state().dnd()).isTrue();

        PhoneClient.get(phone, "/servlet?key=L1;1;POUND;DNDOff;Reboot;BTrans=2001", PhoneClient.basic("admin", "pw"));

        assertThat(phone.state().keyPresses()).containsSubsequence("L1", "1", "POUND", "DNDOff", "Reboot", "BTrans=2001");
        assertThat(phone.state().dnd()).isFalse();
        assertThat(phone.state().reboots()).isEqualTo(rebootsBefore + 1);
        assertThat(phone.state().lastTransfer()).isEqualTo("2001");
        assertThat(dndBefore).isFalse();
    }

    /** The phonecfg=get reply is INI-style text, as third-party Yealink integrations parse it. */
    @Test
    void shouldAnswerTheStatusQueryInIniStyle() {
        HttpResponse<String> response = PhoneClient.get(phone, "/servlet?phonecfg=get&accounts=1&dnd=1&fw=1",
                PhoneClient.basic("admin", "pw"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("[Status]\nFirmwareVersion=108.86.0.40\n[Accounts]\n")
                .contains("Account0=Enabled|1001|1001|1001|Off|1001@10.0.0.1|\n")
                .contains("Account1=Enabled|1002|1002|1002|Off|1002@10.0.0.1|\n")
                .contains("[DND]\nState=")
                .contains("[Forward_always]\nState=Off");
    }

    @Test
    void shouldLeaveOutSectionsNotAskedFor() {
        String body = PhoneClient.get(phone, "/servlet?phonecfg=get&accounts=0&dnd=1", PhoneClient.basic("admin", "pw")).body();

        assertThat(body).contains("[DND]").doesNotContain("[Accounts]").doesNotContain("[Forward_always]");
    }

    @Test
    void shouldDemandBasicAuth() {
        HttpResponse<String> none = PhoneClient.get(phone, "/servlet?key=Reboot");
        HttpResponse<String> wrong = PhoneClient.get(phone, "/servlet?key=Reboot", PhoneClient.basic("admin", "nope"));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"phone\"");
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRefuseOtherPathsAndAMissingKey() {
        assertThat(PhoneClient.get(phone, "/cgi-bin/x?key=OK", PhoneClient.basic("admin", "pw")).statusCode()).isEqualTo(404);
        assertThat(PhoneClient.get(phone, "/servlet?foo=1", PhoneClient.basic("admin", "pw")).statusCode()).isEqualTo(400);
    }

    /** Yealink administrator guide, Action URI section: "p=login&q=login&username=xxx&pwd=yyy&jumpto=URI&" before the variable. */
    @Test
    void shouldTakeTheLoginInTheQueryWhenSoConfigured() {
        try (SimulatedPhone old = SimulatedPhone.builder("yealink").host("127.0.0.3")
                .auth(PhoneAuth.queryLogin("admin", "p&w")).start()) {
            assertThat(PhoneClient.get(old, "/servlet?p=login&q=login&username=admin&pwd=p%26w&jumpto=URI&key=ANSWER")
                    .statusCode()).isEqualTo(200);
            assertThat(PhoneClient.get(old, "/servlet?p=login&q=login&username=admin&pwd=pw&jumpto=URI&key=ANSWER")
                    .statusCode()).isEqualTo(401);
            assertThat(old.state().answers()).isEqualTo(1);
        }
    }
}
