package dev.hookline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.processor.calls.CallCorrelator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {

    @Test
    void shouldGiveTheCorrelatorItsDefaults() {
        assertThat(new ProcessorConfig(Map.of()).correlator()).isEqualTo(new CallCorrelator.Config(8, Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(4), Duration.ofMinutes(10), Duration.ofSeconds(2)));
    }

    @Test
    void shouldGiveTheCorrelatorEachOfItsSettings() {
        CallCorrelator.Config config = new ProcessorConfig(Map.of(
                ProcessorConfig.CALL_MAX_OPEN, "3",
                ProcessorConfig.CALL_DUPLICATE_WINDOW_MS, "500",
                ProcessorConfig.CALL_STALE_UNANSWERED_MS, "60000",
                ProcessorConfig.CALL_STALE_ANSWERED_MS, "120000",
                ProcessorConfig.CALL_TIMEOUT_MS, "180000",
                ProcessorConfig.CALL_OFFHOOK_MAX_MS, "30000",
                ProcessorConfig.REORDER_WINDOW_MS, "0")).correlator();

        assertThat(config).isEqualTo(new CallCorrelator.Config(3, Duration.ofMillis(500), Duration.ofMinutes(1),
                Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofSeconds(30), Duration.ZERO));
    }
}
