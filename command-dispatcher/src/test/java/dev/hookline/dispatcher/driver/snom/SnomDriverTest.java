package dev.hookline.dispatcher.driver.snom;

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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SnomDriverTest {

    private final SnomDriver driver = new SnomDriver();

    private PhoneHttpRequest request(PhoneCommand command) {
        return sent(driver.translate(command, TARGET, WITH_LOGIN));
    }

    /** Snom wiki: "command.htm?number=N&outgoing_uri=URI (dial)". */
    @Test
    void shouldDialFromTheAccountsSipIdentity() {
        PhoneHttpRequest request = request(dial("1002", "1001@pbx.example"));

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.pathAndQuery()).isEqualTo("/command.htm?number=1002&outgoing_uri=1001@pbx.example");
        assertThat(request.logTarget()).isEqualTo(request.pathAndQuery());
        assertThat(request.headers()).isEmpty();
        assertThat(request.body()).isNull();
        // Snom wiki: "HTTP Basic, or Digest when http_scheme=on".
        assertThat(request.auth()).isEqualTo(AuthScheme.BASIC_OR_DIGEST);
        assertThat(request.credentials()).isEqualTo(WITH_LOGIN);
    }

    @Test
    void shouldDialFromTheDefaultIdentityAndEncodeStarPoundAndPlus() {
        assertThat(request(dial("+49*1#")).pathAndQuery()).isEqualTo("/command.htm?number=%2B49%2A1%23");
    }

    @Test
    void shouldRefuseALineNumberAsAccount() {
        assertThat(driver.translate(dial("1002", "2"), TARGET, WITH_LOGIN)).isInstanceOf(Translation.Invalid.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Third-party tools, tested on phones: "answer = ENTER ..., hangup = CANCEL"
            "HANGUP  | /command.htm?key=CANCEL",
            "ANSWER  | /command.htm?key=ENTER",
            // Snom wiki: "settings write: dummy.htm?settings=save&<name>=<val>"
            "DND_ON  | /dummy.htm?settings=save&dnd_mode=on",
            "DND_OFF | /dummy.htm?settings=save&dnd_mode=off",
            // Snom wiki: "F_HOLD (older firmware: F_R)"
            "HOLD    | /command.htm?key=F_HOLD",
            "UNHOLD  | /command.htm?key=F_HOLD",
            // Snom wiki: "advanced_update.htm?reboot=Reboot"
            "REBOOT  | /advanced_update.htm?reboot=Reboot"})
    void shouldSendEachActionAsDocumented(CommandAction action, String target) {
        PhoneHttpRequest request = request(command(action));

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.pathAndQuery()).isEqualTo(target);
        assertThat(request.auth()).isEqualTo(AuthScheme.BASIC_OR_DIGEST);
    }

    /** Snom wiki: "command.htm?key=KEY[;KEY…]" and "`*`/`#` (send as `%2A`/`%23`)". */
    @Test
    void shouldChainKeysWithSemicolonsAndEncodeStarAndPound() {
        assertThat(request(keys("1*#,OK,cancel,P12,f1,hold,dnd,volume_down")).pathAndQuery())
                .isEqualTo("/command.htm?key=1;%2A;%23;ENTER;CANCEL;P12;F1;F_HOLD;DND;VOLUME_DOWN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"L1", "POUNDS", "RELEASE_ALL_CALLS", "P49", "F_TRANSFER", "OK;Reboot&x"})
    void shouldRefuseKeysSnomDoesNotList(String key) {
        assertThat(driver.translate(keys(key), TARGET, WITH_LOGIN)).isInstanceOf(Translation.Invalid.class);
    }

    @ParameterizedTest
    @EnumSource(value = CommandAction.class, names = {"TRANSFER", "POLL_STATUS"})
    void shouldHaveNoDocumentedTransferOrStatus(CommandAction action) {
        assertThat(driver.translate(command(action, "2001", null, null), TARGET, WITH_LOGIN))
                .isInstanceOf(Translation.Unsupported.class);
    }

    @Test
    void shouldRefuseADialWithoutANumber() {
        assertThat(driver.translate(dial(null), TARGET, WITH_LOGIN)).isEqualTo(new Translation.Invalid("DIAL needs a number"));
    }

    @Test
    void shouldSendNoAuthenticationWithoutCredentials() {
        assertThat(sent(driver.translate(command(CommandAction.ANSWER), TARGET, Optional.empty())).auth())
                .isEqualTo(AuthScheme.NONE);
    }

    /** Snom's web server answers a dial (number=) with a 302 to index.htm. */
    @ParameterizedTest
    @CsvSource(nullValues = "RETRY", value = {"302, DELIVERED", "200, DELIVERED", "401, AUTH_FAILED", "403, REJECTED",
            "301, FAILED", "404, FAILED", "500, RETRY"})
    void shouldReadTheStatus(int status, CommandStatus expected) {
        assertThat(driver.interpret(dial("1"), status, "").status()).isEqualTo(expected);
    }
}
