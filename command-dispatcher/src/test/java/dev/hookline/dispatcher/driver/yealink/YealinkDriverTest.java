package dev.hookline.dispatcher.driver.yealink;

import static dev.hookline.dispatcher.driver.Commands.TARGET;
import static dev.hookline.dispatcher.driver.Commands.WITH_LOGIN;
import static dev.hookline.dispatcher.driver.Commands.command;
import static dev.hookline.dispatcher.driver.Commands.dial;
import static dev.hookline.dispatcher.driver.Commands.keys;
import static dev.hookline.dispatcher.driver.Commands.sent;
import static dev.hookline.dispatcher.driver.Commands.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.driver.AuthScheme;
import dev.hookline.dispatcher.driver.PhoneAnswer;
import dev.hookline.dispatcher.driver.PhoneHttpRequest;
import dev.hookline.dispatcher.driver.Translation;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class YealinkDriverTest {

    private final YealinkDriver driver = new YealinkDriver();
    private final YealinkDriver queryLogin = new YealinkDriver(YealinkDriver.Login.QUERY_PREFIX);

    private PhoneHttpRequest request(PhoneCommand command) {
        return sent(driver.translate(command, TARGET, WITH_LOGIN));
    }

    /** Yealink administrator guide, Action URI section: "http://10.3.20.10/servlet?key=OK" style: one GET, Basic with the login, nothing else. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Yealink administrator guide, Action URI section: "CALLEND | End a call."
            "HANGUP      | /servlet?key=CALLEND",
            // Yealink administrator guide, Action URI section: "ANSWER | Answer a call."
            "ANSWER      | /servlet?key=ANSWER",
            // Yealink administrator guide, Action URI section: "DNDOn | Activate the DND mode." / "DNDOff | Deactivate the DND mode."
            "DND_ON      | /servlet?key=DNDOn",
            "DND_OFF     | /servlet?key=DNDOff",
            // Yealink administrator guide, Action URI section: "F_HOLD | Place an active call on hold."
            "HOLD        | /servlet?key=F_HOLD",
            "UNHOLD      | /servlet?key=F_HOLD",
            // Yealink administrator guide, Action URI section: "Reboot | Reboot the phone."
            "REBOOT      | /servlet?key=Reboot",
            // Yealink administrator guide, Action URI section: "http(s)://phone IP address/servlet?phonecfg=get[&accounts=x][&dnd=x][&fw=x]"
            "POLL_STATUS | /servlet?phonecfg=get&accounts=1&dnd=1&fw=1"})
    void shouldSendEachActionAsOneGet(CommandAction action, String target) {
        PhoneHttpRequest request = request(command(action));

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.pathAndQuery()).isEqualTo(target);
        assertThat(request.logTarget()).isEqualTo(target);
        assertThat(request.headers()).isEmpty();
        assertThat(request.body()).isNull();
        assertThat(request.auth()).isEqualTo(AuthScheme.BASIC);
        assertThat(request.credentials()).isEqualTo(WITH_LOGIN);
    }

    /** Yealink administrator guide, Action URI section: "Example: http://10.3.20.10/servlet?key=number=1234&outgoing_uri=1006@10.3.5.199". */
    @Test
    void shouldDialFromTheAccountsSipIdentity() {
        assertThat(request(dial("1234", "1006@10.3.5.199")).pathAndQuery())
                .isEqualTo("/servlet?key=number=1234&outgoing_uri=1006@10.3.5.199");
    }

    @Test
    void shouldDialFromTheDefaultAccountWhenNoneIsGiven() {
        assertThat(request(dial("1234")).pathAndQuery()).isEqualTo("/servlet?key=number=1234");
    }

    @Test
    void shouldEncodePoundAndPlusButKeepStarRaw() {
        assertThat(request(dial("+49*12#")).pathAndQuery()).isEqualTo("/servlet?key=number=%2B49*12%23");
    }

    /** Yealink administrator guide, Action URI section: "BTrans=xxx | Perform a blind transfer to xxx." */
    @Test
    void shouldTransferBlind() {
        assertThat(request(transfer("2001")).pathAndQuery()).isEqualTo("/servlet?key=BTrans=2001");
    }

    /** Yealink administrator guide keys "0-9/*\/POUND", "L1-LX", "F1-F4", chained with ';' (as third-party integrations send them). */
    @Test
    void shouldSendKeysByYealinkNamesJoinedWithSemicolons() {
        assertThat(request(keys("L2,12*#,ok,cancel,hold,transfer,conference,redial,messages,F4,D10,volume_up"))
                .pathAndQuery())
                .isEqualTo("/servlet?key=L2;1;2;*;POUND;OK;X;F_HOLD;F_TRANSFER;F_CONFERENCE;RD;MSG;F4;D10;VOLUME_UP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Reboot", "DNDOn", "AutoP", "L30", "F5", "D11", "P1", "MENU", "OK;Reboot"})
    void shouldRefuseKeysYealinkDoesNotList(String keys) {
        assertThat(driver.translate(keys(keys), TARGET, WITH_LOGIN)).isInstanceOf(Translation.Invalid.class);
    }

    @Test
    void shouldRefuseADialWithoutANumber() {
        assertThat(driver.translate(dial(null), TARGET, WITH_LOGIN))
                .isEqualTo(new Translation.Invalid("DIAL needs a number"));
    }

    @Test
    void shouldRefuseATransferWithoutANumber() {
        assertThat(driver.translate(transfer(""), TARGET, WITH_LOGIN))
                .isEqualTo(new Translation.Invalid("TRANSFER needs a number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1&key=Reboot", "1;Reboot", "1 2", "1%0d", "1002@evil.example", "1/2", "1?x"})
    void shouldRefuseNumbersThatCouldChangeTheUrl(String number) {
        assertThat(driver.translate(dial(number), TARGET, WITH_LOGIN)).isInstanceOf(Translation.Invalid.class);
        assertThat(driver.translate(transfer(number), TARGET, WITH_LOGIN)).isInstanceOf(Translation.Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1006@pbx&key=Reboot", "sip:1006@pbx"})
    void shouldRefuseAnAccountThatIsNotASipIdentity(String account) {
        assertThat(driver.translate(dial("1234", account), TARGET, WITH_LOGIN)).isInstanceOf(Translation.Invalid.class);
    }

    @Test
    void shouldSendNoAuthenticationWithoutCredentials() {
        PhoneHttpRequest request = sent(driver.translate(command(CommandAction.REBOOT), TARGET, Optional.empty()));

        assertThat(request.auth()).isEqualTo(AuthScheme.NONE);
        assertThat(request.credentials()).isEmpty();
    }

    /** Yealink administrator guide, Action URI section: 'you must enter "p=login&q=login&username=xxx&pwd=yyy&jumpto=URI&" before the variable'. */
    @Test
    void shouldPutTheLoginBeforeTheKeyAndMaskThePasswordInTheLogForm() {
        PhoneHttpRequest request = sent(queryLogin.translate(dial("1234"), TARGET, WITH_LOGIN));

        // The login is admin / s3cret&x: the '&' is encoded so it cannot end the value.
        assertThat(request.pathAndQuery())
                .isEqualTo("/servlet?p=login&q=login&username=admin&pwd=s3cret%26x&jumpto=URI&key=number=1234");
        assertThat(request.logTarget())
                .isEqualTo("/servlet?p=login&q=login&username=admin&pwd=****&jumpto=URI&key=number=1234");
        assertThat(request.toString()).doesNotContain("s3cret");
        assertThat(request.auth()).isEqualTo(AuthScheme.NONE);
    }

    @Test
    void shouldPutTheLoginBeforeThePollToo() {
        PhoneHttpRequest request = sent(queryLogin.translate(command(CommandAction.POLL_STATUS), TARGET, WITH_LOGIN));

        assertThat(request.logTarget())
                .isEqualTo("/servlet?p=login&q=login&username=admin&pwd=****&jumpto=URI&phonecfg=get&accounts=1&dnd=1&fw=1");
    }

    @Test
    void shouldLeaveTheLoginOutWhenThereIsNone() {
        PhoneHttpRequest request = sent(queryLogin.translate(dial("1234"), TARGET, Optional.empty()));

        assertThat(request.pathAndQuery()).isEqualTo("/servlet?key=number=1234");
        assertThat(request.auth()).isEqualTo(AuthScheme.NONE);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "RETRY", value = {"200, DELIVERED", "401, AUTH_FAILED", "403, REJECTED", "302, FAILED",
            "404, FAILED", "500, RETRY", "503, RETRY"})
    void shouldReadTheStatus(int status, CommandStatus expected) {
        assertThat(driver.interpret(dial("1"), status, "").status()).isEqualTo(expected);
    }

    @Test
    void shouldSummarizeAStatusPoll() {
        PhoneAnswer answer = driver.interpret(command(CommandAction.POLL_STATUS), 200,
                "[Status]\nFirmwareVersion=66.86.0.15\n[Accounts]\nAccount0=Enabled|1001|1001|Alice|Off|1001@10.0.0.1|\n"
                        + "Account1=Disabled||\n[DND]\nState=On\n");

        assertThat(answer.status()).isEqualTo(CommandStatus.DELIVERED);
        assertThat(answer.detail()).isEqualTo("HTTP 200; firmware 66.86.0.15, DND on, 1/2 accounts enabled");
    }

    @Test
    void shouldNotReadTheBodyOfAFailedPoll() {
        assertThat(driver.interpret(command(CommandAction.POLL_STATUS), 401, "[DND]\nState=On").detail())
                .isEqualTo("HTTP 401");
    }
}
