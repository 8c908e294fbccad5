package dev.hookline.dispatcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class CommandConsumerSettingsTest {

    /** A dispatcher killed with -9 hands its phones' commands over within about 10 s, not Kafka's 45. */
    @Test
    void shouldNoticeADeadInstanceWithinTenSecondsUnlessTheUserSaysOtherwise() {
        assertThat(CommandConsumer.consumerSettings(Map.of(), "g", 100))
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        assertThat(CommandConsumer.consumerSettings(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000), "g", 100))
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000);
    }

    /** What every command's single result rests on cannot be changed by a user setting. */
    @Test
    void shouldKeepReadCommittedAndManualCommitsWhateverTheUserSets() {
        Map<String, Object> settings = CommandConsumer.consumerSettings(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.GROUP_ID_CONFIG, "theirs"), "hookline-dispatcher", 100);

        assertThat(settings).containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "hookline-dispatcher");
    }
}
