package dev.hookline.dispatcher.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeySequenceTest {

    @Test
    void shouldSplitNamesAndDialPadRuns() {
        assertThat(KeySequence.parse(Commands.keys("L1,1234#; ok  f_hold *")))
                .containsExactly("L1", "1", "2", "3", "4", "#", "OK", "F_HOLD", "*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "OK&key=Reboot", "OK?x", "a/b", "%23", "OK\r\nX", "OK\tX", "1a", "_X",
            "ABCDEFGHIJKLMNOPQRSTU"})
    void shouldRefuseMalformedKeys(String keys) {
        assertThatThrownBy(() -> KeySequence.parse(Commands.keys(keys))).isInstanceOf(InvalidCommandException.class);
    }

    @Test
    void shouldBoundTheNumberOfKeys() {
        assertThat(KeySequence.parse(Commands.keys("1".repeat(KeySequence.MAX_KEYS)))).hasSize(KeySequence.MAX_KEYS);
        assertThatThrownBy(() -> KeySequence.parse(Commands.keys("1".repeat(KeySequence.MAX_KEYS + 1))))
                .hasMessageContaining("at most 32");
    }
}
