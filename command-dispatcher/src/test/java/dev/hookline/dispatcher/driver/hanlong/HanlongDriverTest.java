package dev.hookline.dispatcher.driver.hanlong;

import static dev.hookline.dispatcher.driver.Commands.TARGET;
import static dev.hookline.dispatcher.driver.Commands.WITH_LOGIN;
import static dev.hookline.dispatcher.driver.Commands.command;
import static dev.hookline.dispatcher.driver.Commands.dial;
import static dev.hookline.dispatcher.driver.Commands.keys;
import static dev.hookline.dispatcher.driver.Commands.sent;
import static dev.hookline.dispatcher.driver.Commands.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.driver.AuthScheme;
import dev.hookline.dispatcher.driver.Drivers;
import dev.hookline.dispatcher.driver.PhoneHttpRequest;
import dev.hookline.dispatcher.driver.Translation;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class HanlongDriverTest {

    private final HanlongDriver driver = new HanlongDriver();

    private PhoneHttpRequest request(PhoneCommand command) {
        return sent(driver.translate(command, TARGET, WITH_LOGIN));
    }

    @Test
    void shouldServeTheWholeFirmwareFamily() {
        Drivers drivers = Drivers.builtIn();

        assertThat(driver.dialect()).isEqualTo("hanlong");
        for (String vendor : java.util.List.of("hanlong", "htek", "sangoma")) {
            assertThat(drivers.forVendor(vendor)).as(vendor).containsInstanceOf(HanlongDriver.class);
        }
    }

    /** Hanlong UC860 Action URL note: "http://admin:admin@192.168.0.124/Phone_ActionURL&Command=1&Number=206&Account=1". */
    @Test
    void shouldDialAsTheHanlongNoteShows() {
        PhoneHttpRequest request = request(dial("206", "1"));

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.pathAndQuery()).isEqualTo("/Phone_ActionURL&Command=1&Number=206&Account=1");
        assertThat(request.logTarget()).isEqualTo(request.pathAndQuery());
        assertThat(request.headers()).isEmpty();
        assertThat(request.body()).isNull();
        assertThat(request.auth()).isEqualTo(AuthScheme.BASIC);
        assertThat(request.credentials()).isEqualTo(WITH_LOGIN);
    }

    /** Hanlong UC860 Action URL note: "if do not mentioned one specific Account ... it will choose an avalible account automatically". */
    @Test
    void shouldLeaveTheAccountOutWhenNoneIsGiven() {
        assertThat(request(dial("*97#")).pathAndQuery()).isEqualTo("/Phone_ActionURL&Command=1&Number=*97%23");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "5", "1006@pbx", "1&Command=2"})
    void shouldRefuseAccountsOtherThanOneToFour(String account) {
        assertThat(driver.translate(dial("206", account), TARGET, WITH_LOGIN)).isInstanceOf(Translation.Invalid.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Hanlong UC860 Action URL note: "Command=2 means hang up"
            "HANGUP  | /Phone_ActionURL&Command=2",
            // Hanlong UC860 Action URL note: "To answer the call: key=OK/key=ENTER"
            "ANSWER  | /Phone_ActionURL&Command=3&key=OK",
            // Hanlong UC860 Action URL note: "To enable DND: key=DNDOn", "To disable DND: key=DNDOff"
            "DND_ON  | /Phone_ActionURL&Command=3&key=DNDOn",
            "DND_OFF | /Phone_ActionURL&Command=3&key=DNDOff",
            // Hanlong UC860 Action URL note: "To hold the call: key=F_HOLD"
            "HOLD    | /Phone_ActionURL&Command=3&key=F_HOLD",
            "UNHOLD  | /Phone_ActionURL&Command=3&key=F_HOLD",
            // Hanlong UC860 Action URL note: "To reboot the phone: key=Reboot"
            "REBOOT  | /Phone_ActionURL&Command=3&key=Reboot"})
    void shouldSendEachActionAsDocumented(CommandAction action, String target) {
        PhoneHttpRequest request = request(command(action));

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.pathAndQuery()).isEqualTo(target);
        assertThat(request.auth()).isEqualTo(AuthScheme.BASIC);
    }

    /** Hanlong UC860 Action URL note, key list: "key=0-9 * POUND", "key=L1-L4", "key=F1-F4", "key=X", "key=MSG"... */
    @ParameterizedTest
    @CsvSource({"5, 5", "'*', '*'", "'#', POUND", "L4, L4", "L45, L45", "f2, F2", "cancel, CANCEL", "x, X",
            "messages, MSG", "hold, F_HOLD", "conference, F_CONFERENCE", "D10, D10"})
    void shouldSendOneKey(String key, String hanlongKey) {
        assertThat(request(keys(key)).pathAndQuery()).isEqualTo("/Phone_ActionURL&Command=3&key=" + hanlongKey);
    }

    @Test
    void shouldNotChainKeys() {
        assertThat(driver.translate(keys("12"), TARGET, WITH_LOGIN))
                .isEqualTo(new Translation.Unsupported("Hanlong/Htek/Sangoma take one key per request; this command has 2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Reboot", "AutoP", "L46", "F5", "P1", "OK&key=Reboot"})
    void shouldRefuseKeysTheFamilyDoesNotList(String key) {
        assertThat(driver.translate(keys(key), TARGET, WITH_LOGIN)).isInstanceOf(Translation.Invalid.class);
    }

    @ParameterizedTest
    @EnumSource(value = CommandAction.class, names = {"TRANSFER", "POLL_STATUS"})
    void shouldHaveNoDocumentedTransferOrStatus(CommandAction action) {
        Translation translation = driver.translate(command(action, "2001", null, null), TARGET, WITH_LOGIN);

        assertThat(translation).isInstanceOf(Translation.Unsupported.class);
        assertThat(((Translation.Unsupported) translation).reason()).contains("document no");
    }

    @Test
    void shouldRefuseDialsWithoutAValidNumber() {
        assertThat(driver.translate(dial(null), TARGET, WITH_LOGIN)).isEqualTo(new Translation.Invalid("DIAL needs a number"));
        assertThat(driver.translate(dial("206&Command=2"), TARGET, WITH_LOGIN)).isInstanceOf(Translation.Invalid.class);
        // A transfer is unsupported whatever its number.
        assertThat(driver.translate(transfer(null), TARGET, WITH_LOGIN)).isInstanceOf(Translation.Unsupported.class);
    }

    @Test
    void shouldSendNoAuthenticationWithoutCredentials() {
        assertThat(sent(driver.translate(command(CommandAction.HANGUP), TARGET, Optional.empty())).auth())
                .isEqualTo(AuthScheme.NONE);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "RETRY", value = {"200, DELIVERED", "401, AUTH_FAILED", "403, REJECTED", "302, FAILED",
            "404, FAILED", "502, RETRY"})
    void shouldReadTheStatus(int status, CommandStatus expected) {
        assertThat(driver.interpret(dial("1"), status, "").status()).isEqualTo(expected);
    }
}
