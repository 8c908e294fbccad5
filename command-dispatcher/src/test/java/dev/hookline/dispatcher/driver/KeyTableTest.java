package dev.hookline.dispatcher.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTableTest {

    private final KeyTable table = KeyTable.builder("Acme")
            .key("POUND", "#")
            .key("F_HOLD", "HOLD")
            .numbered("L", 1, 3, "Line")
            .build();

    @Test
    void shouldMapNamesAliasesAndNumberedKeys() {
        assertThat(table.translate(List.of("#", "POUND", "hold", "L1", "L3")))
                .containsExactly("POUND", "POUND", "F_HOLD", "Line1", "Line3");
    }

    @Test
    void shouldRefuseKeysOutsideTheTable() {
        assertThat(table.vendorName("L4")).isEmpty();
        assertThat(table.vendorName("L0")).isEmpty();
        assertThat(table.vendorName("L01")).isEmpty();
        assertThatThrownBy(() -> table.translate(List.of("L1", "Reboot")))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessage("key REBOOT is not a Acme key; allowed: # F_HOLD HOLD POUND L1-L3");
    }
}
