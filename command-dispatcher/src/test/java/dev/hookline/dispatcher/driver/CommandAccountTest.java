package dev.hookline.dispatcher.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandAccountTest {

    @Test
    void shouldReadALineNumberWithinTheVendorsBound() {
        assertThat(CommandAccount.line(Commands.dial("1", "4"), 4)).isEqualTo(OptionalInt.of(4));
        assertThat(CommandAccount.line(Commands.dial("1", null), 4)).isEmpty();
        assertThat(CommandAccount.line(Commands.dial("1", " "), 4)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "5", "01", "-1", "1&x=y", "1002@pbx", "100"})
    void shouldRefuseOtherLines(String account) {
        assertThatThrownBy(() -> CommandAccount.line(Commands.dial("1", account), 4))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("1 to 4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1006@10.3.5.199", "alice.b@pbx.example.org", "+4930123@sip.example:5060"})
    void shouldReadASipIdentity(String account) {
        assertThat(CommandAccount.sipIdentity(Commands.dial("1", account))).isEqualTo(Optional.of(account));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:1006@pbx", "1006@pbx/x", "1006@pbx&key=Reboot", "1006@pbx;transport=tcp",
            "a b@pbx", "1006@", "@pbx", "1006@pbx%0d"})
    void shouldRefuseAnythingButUserAtHost(String account) {
        assertThatThrownBy(() -> CommandAccount.sipIdentity(Commands.dial("1", account)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("user@host");
    }

    @Test
    void shouldExplainThatALineNumberIsTheWrongFormForIdentityVendors() {
        assertThatThrownBy(() -> CommandAccount.sipIdentity(Commands.dial("1", "2")))
                .hasMessageContaining("not by a line number");
    }
}
