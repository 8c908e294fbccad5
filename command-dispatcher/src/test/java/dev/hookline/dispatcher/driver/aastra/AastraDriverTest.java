package dev.hookline.dispatcher.driver.aastra;

import static dev.hookline.dispatcher.driver.Commands.TARGET;
import static dev.hookline.dispatcher.driver.Commands.WITH_LOGIN;
import static dev.hookline.dispatcher.driver.Commands.command;
import static dev.hookline.dispatcher.driver.Commands.dial;
import static dev.hookline.dispatcher.driver.Commands.keys;
import static dev.hookline.dispatcher.driver.Commands.sent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.driver.AuthScheme;
import dev.hookline.dispatcher.driver.PhoneHttpRequest;
import dev.hookline.dispatcher.driver.Translation;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AastraDriverTest {

    private final AastraDriver driver = new AastraDriver();

    private PhoneHttpRequest request(PhoneCommand command) {
        return sent(driver.translate(command, TARGET, WITH_LOGIN));
    }

    private static String execute(String... uris) {
        StringBuilder xml = new StringBuilder("xml=<AastraIPPhoneExecute>");
        for (String uri : uris) {
            xml.append("<ExecuteItem URI=\"").append(uri).append("\"/>");
        }
        return xml.append("</AastraIPPhoneExecute>").toString();
    }

    /**
     * Aastra XML developer guide: "POST / ... with body xml=<AastraIPPhone…>. The content is not URL-encoded
     * (doc note). The PHP sample sends Content-Type: text/xml"; "There is no password".
     */
    @Test
    void shouldPushAnExecuteObjectToDial() {
        PhoneHttpRequest request = request(dial("1002"));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo("/");
        assertThat(request.logTarget()).isEqualTo("/");
        assertThat(request.headers()).isEqualTo(Map.of("Content-Type", "text/xml"));
        assertThat(request.body()).isEqualTo(execute("Dial:1002"));
        assertThat(request.auth()).isEqualTo(AuthScheme.NONE);
        assertThat(request.credentials()).isEmpty();
    }

    /** Aastra XML developer guide: "DialLine:<line>:NNN". */
    @Test
    void shouldDialOnALine() {
        assertThat(request(dial("*97#", "2")).body()).isEqualTo(execute("DialLine:2:*97#"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10", "1001@pbx"})
    void shouldRefuseOtherAccounts(String account) {
        assertThat(driver.translate(dial("1002", account), TARGET, WITH_LOGIN)).isInstanceOf(Translation.Invalid.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Aastra XML developer guide, keys: "Goodbye", "Hold"
            "HANGUP | Key:Goodbye",
            "HOLD   | Key:Hold",
            "UNHOLD | Key:Hold",
            // Aastra XML developer guide: "Command: Reset|FastReboot|..."
            "REBOOT | 'Command: Reset'"})
    void shouldPushEachActionAsDocumented(CommandAction action, String uri) {
        PhoneHttpRequest request = request(command(action));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo(execute(uri));
    }

    /** Aastra XML developer guide: "Key:<KeyName>: Line1..n, KeyPad0-9, KeyPadStar, KeyPadPound, SoftKey1..n, ... NavUp/NavDwn". */
    @Test
    void shouldPushOneExecuteItemPerKey() {
        assertThat(request(keys("L1,1*#,F2,down,transfer,messages,PrgKey3")).body()).isEqualTo(execute(
                "Key:Line1", "Key:KeyPad1", "Key:KeyPadStar", "Key:KeyPadPound", "Key:SoftKey2", "Key:NavDwn",
                "Key:Xfer", "Key:Voicemail", "Key:PrgKey3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"OK", "ENTER", "CANCEL", "L10", "F5", "Reset", "Dial"})
    void shouldRefuseKeysAastraDoesNotList(String key) {
        assertThat(driver.translate(keys(key), TARGET, WITH_LOGIN)).isInstanceOf(Translation.Invalid.class);
    }

    @ParameterizedTest
    @EnumSource(value = CommandAction.class, names = {"ANSWER", "DND_ON", "DND_OFF", "TRANSFER", "POLL_STATUS"})
    void shouldSayWhatItCannotDo(CommandAction action) {
        Translation translation = driver.translate(command(action, "2001", null, null), TARGET, WITH_LOGIN);

        assertThat(translation).isInstanceOf(Translation.Unsupported.class);
        assertThat(((Translation.Unsupported) translation).reason()).startsWith("Aastra/Mitel");
    }

    @Test
    void shouldRefuseADialWithoutAValidNumber() {
        assertThat(driver.translate(dial(null), TARGET, WITH_LOGIN)).isEqualTo(new Translation.Invalid("DIAL needs a number"));
        assertThat(driver.translate(dial("1\"/><ExecuteItem URI=\"Command: Reset"), TARGET, WITH_LOGIN))
                .isInstanceOf(Translation.Invalid.class);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "RETRY", value = {"200, DELIVERED", "403, REJECTED", "401, AUTH_FAILED", "302, FAILED",
            "500, RETRY"})
    void shouldReadTheStatus(int status, CommandStatus expected) {
        assertThat(driver.interpret(dial("1"), status, "").status()).isEqualTo(expected);
    }
}
