package dev.hookline.dispatcher.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.kafka.SourcePosition;
import org.junit.jupiter.api.Test;

class CommandLedgerTest {

    @Test
    void shouldClaimAnIdOnce() {
        CommandLedger ledger = new CommandLedger(100);

        assertThat(ledger.claim("c1")).isTrue();
        assertThat(ledger.claim("c1")).isFalse();
        assertThat(ledger.claim("c2")).isTrue();
    }

    @Test
    void shouldTellTheAnsweredRecordFromAnotherRecordWithTheSameId() {
        CommandLedger ledger = new CommandLedger(100);
        ledger.resultPublished("c1", new SourcePosition(0, 7));

        assertThat(ledger.answered(new SourcePosition(0, 7))).isTrue();
        assertThat(ledger.answered(new SourcePosition(0, 8))).isFalse();
        assertThat(ledger.claim("c1")).as("c1 has a result: a new record with it is a duplicate").isFalse();
    }

    @Test
    void shouldForgetTheOldestIdsPastItsCapacity() {
        CommandLedger ledger = new CommandLedger(100);
        for (int i = 0; i < 150; i++) {
            ledger.claim("c" + i);
        }

        assertThat(ledger.size()).isEqualTo(100);
        assertThat(ledger.claim("c0")).as("forgotten").isTrue();
        assertThat(ledger.claim("c149")).as("remembered").isFalse();
    }
}
