package dev.hookline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What the processor hands Kafka Streams: its own defaults, under the user's {@code kafka.*} settings. */
class StreamsPropertiesTest {

    @Test
    void shouldNoticeADeadInstanceWellWithin30sAndKeepAStandbyByDefault() {
        Properties props = StreamProcessorApp.streamsProperties(new ProcessorConfig(Map.of()));

        // The survivor takes over after the session time-out; Kafka's 45 s would miss the 30 s.
        assertThat(Long.parseLong(props.getProperty("session.timeout.ms"))).isLessThanOrEqualTo(15_000L);
        assertThat(props.getProperty("num.standby.replicas")).isEqualTo("1");
        assertThat(props.getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
    }

    @Test
    void shouldLetTheUsersKafkaSettingsOverrideTheFailOverDefaultsButNotExactlyOnce() {
        Properties props = StreamProcessorApp.streamsProperties(new ProcessorConfig(Map.of(
                "kafka.session.timeout.ms", "30000",
                "kafka.num.standby.replicas", "0",
                "kafka.processing.guarantee", "at_least_once")));

        assertThat(props.getProperty("session.timeout.ms")).isEqualTo("30000");
        assertThat(props.getProperty("num.standby.replicas")).isEqualTo("0");
        assertThat(props.getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
    }

    @Test
    void shouldCompressWhatItWritesWithLz4UnlessTheUserChoosesOtherwise() {
        assertThat(StreamProcessorApp.streamsProperties(new ProcessorConfig(Map.of()))
                .getProperty("producer.compression.type")).isEqualTo("lz4");

        Properties chosen = StreamProcessorApp.streamsProperties(new ProcessorConfig(Map.of(
                "kafka.producer.compression.type", "zstd")));
        assertThat(chosen.getProperty("producer.compression.type")).isEqualTo("zstd");
    }
}
