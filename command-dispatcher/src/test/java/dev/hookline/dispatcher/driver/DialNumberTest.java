package dev.hookline.dispatcher.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DialNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "1002", "+4930123456", "*97", "#31#0800", "12345678901234567890123456789012"})
    void shouldAcceptDigitsStarPoundAndLeadingPlus(String number) {
        assertThat(DialNumber.require(Commands.dial(number))).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12 34", "12&key=Reboot", "12;Reboot", "12?a", "12/..", "12%26", "12\r\nX: y",
            "1002@10.0.0.1", "sip:1002", "+", "1+2", "++1", "abc", "123456789012345678901234567890123"})
    void shouldRefuseEverythingElse(String number) {
        assertThatThrownBy(() -> DialNumber.require(Commands.dial(number)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageStartingWith("DIAL");
    }

    @org.junit.jupiter.api.Test
    void shouldRefuseAMissingNumberNamingTheAction() {
        assertThatThrownBy(() -> DialNumber.require(Commands.transfer(null)))
                .hasMessage("TRANSFER needs a number");
    }

    @org.junit.jupiter.api.Test
    void shouldNotQuoteTheRefusedNumber() {
        assertThatThrownBy(() -> DialNumber.require(Commands.dial("12\r\nEvil")))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Evil"));
    }
}
