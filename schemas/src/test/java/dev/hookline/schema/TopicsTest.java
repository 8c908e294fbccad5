package dev.hookline.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicsTest {

    @Test
    void shouldListTheTenTopicsOfTheArchitectureInDataFlowOrder() {
        assertThat(Topics.ALL).extracting(TopicSpec::name).containsExactly(
                "phone.raw.v1",
                "phone.events.v1",
                "phone.events.dlq.v1",
                "call.sessions.v1",
                "call.state.v1",
                "line.status.v1",
                "device.state.v1",
                "device.addresses.v1",
                "phone.commands.v1",
                "phone.command-results.v1");
    }

    @Test
    void shouldHaveUniqueTopicNamesAndValueSchemas() {
        assertThat(Topics.ALL).extracting(TopicSpec::name).doesNotHaveDuplicates();
        assertThat(Topics.ALL)
                .extracting(spec -> SchemaNormalization.parsingFingerprint64(spec.valueSerde().schema()))
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            phone.raw.v1             | RawPhoneRequest | delete  | 7  | device id
            phone.events.v1          | PhoneEvent      | delete  | 7  | device id
            phone.events.dlq.v1      | DeadLetter      | delete  | 14 | device id or source address
            call.sessions.v1         | CallSession     | delete  | 30 | device id
            call.state.v1            | CallState       | compact |    | <device id>/<call key>
            line.status.v1           | LineStatus      | compact |    | <device id>/<line>
            device.state.v1          | DeviceState     | compact |    | device id
            device.addresses.v1      | DeviceAddress   | compact |    | <tenant>/<address>, or <address>
            phone.commands.v1        | PhoneCommand    | delete  | 1  | device id
            phone.command-results.v1 | CommandResult   | delete  | 7  | device id
            """)
    void shouldMatchTheArchitecturesValueCleanupRetentionAndKey(
            String name, String valueType, String cleanupPolicy, Integer retentionDays, String keyFormat) {
        TopicSpec<?> spec = Topics.byName(name, "").orElseThrow();

        assertThat(spec.valueSerde().type().getSimpleName()).isEqualTo(valueType);
        assertThat(spec.cleanupPolicy()).isEqualTo(cleanupPolicy);
        assertThat(spec.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        assertThat(spec.keyFormat()).isEqualTo(keyFormat);
        if (retentionDays == null) {
            assertThat(spec.compacted()).isTrue();
            assertThat(spec.retention()).isEmpty();
            assertThat(spec.configs()).doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
        } else {
            assertThat(spec.compacted()).isFalse();
            assertThat(spec.retention()).contains(Duration.ofDays(retentionDays));
            assertThat(spec.configs()).containsEntry(
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionDays * 86_400_000L));
        }
    }

    @Test
    void shouldGiveEachTopicASerdeThatRoundTripsItsOwnRecordType() {
        for (TopicSpec<?> spec : Topics.ALL) {
            assertRoundTrips(spec);
        }
    }

    @Test
    void shouldUseUtf8StringKeys() {
        TopicSpec<?> spec = Topics.CALL_STATE;
        String key = "805ec0a1b2c3/call-42";

        byte[] bytes = spec.keySerde().serializer().serialize(spec.name(), key);

        assertThat(bytes).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
        assertThat(spec.keySerde().deserializer().deserialize(spec.name(), bytes)).isEqualTo(key);
    }

    @Test
    void shouldFindATopicByNameWithOrWithoutThePrefix() {
        assertThat(Topics.byName("phone.events.v1", "")).containsSame(Topics.PHONE_EVENTS);
        assertThat(Topics.byName("phone.events.v1", null)).containsSame(Topics.PHONE_EVENTS);
        assertThat(Topics.byName("phone.events.v1", "acme.")).containsSame(Topics.PHONE_EVENTS);
        assertThat(Topics.byName("acme.phone.events.v1", "acme.")).containsSame(Topics.PHONE_EVENTS);
        assertThat(Topics.byName("acme.phone.events.dlq.v1", "acme.")).containsSame(Topics.PHONE_EVENTS_DLQ);
    }

    @Test
    void shouldNotFindUnknownNamesOrAnotherPrefix() {
        assertThat(Topics.byName("phone.events.v2", "")).isEmpty();
        assertThat(Topics.byName("other.phone.events.v1", "acme.")).isEmpty();
        assertThat(Topics.byName("acme.phone.events.v1", "")).isEmpty();
        assertThat(Topics.byName("phone.events", "")).isEmpty();
    }

    @Test
    void shouldPutThePrefixInFrontOfTheName() {
        assertThat(Topics.CALL_SESSIONS.name("acme.")).isEqualTo("acme.call.sessions.v1");
        assertThat(Topics.CALL_SESSIONS.name("")).isEqualTo("call.sessions.v1");
        assertThat(Topics.CALL_SESSIONS.name(null)).isEqualTo("call.sessions.v1");
    }

    @Test
    void shouldBuildANewTopicRequestWithTheCatalogueSettings() {
        NewTopic topic = Topics.PHONE_EVENTS_DLQ.newTopic("acme.", 3, Optional.of((short) 1));

        assertThat(topic.name()).isEqualTo("acme.phone.events.dlq.v1");
        assertThat(topic.numPartitions()).isEqualTo(3);
        assertThat(topic.replicationFactor()).isEqualTo((short) 1);
        assertThat(topic.configs()).isEqualTo(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(14).toMillis())));
    }

    /** Three replicas: an acknowledged write is on two brokers, and one broker down still takes writes. */
    @Test
    void shouldRequireTwoInSyncReplicasWhenATopicHasThree() {
        assertThat(Topics.PHONE_RAW.newTopic("", 6, Optional.of((short) 3)).configs())
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        assertThat(Topics.PHONE_RAW.newTopic("", 6, Optional.of((short) 2)).configs())
                .doesNotContainKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        assertThat(Topics.PHONE_RAW.newTopic("", 6, Optional.empty()).configs())
                .doesNotContainKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
    }

    private static <V extends SpecificRecord> void assertRoundTrips(TopicSpec<V> spec) {
        V value = Samples.of(spec.valueSerde().type());
        byte[] bytes = spec.valueSerde().serializer().serialize(spec.name(), value);

        assertThat(spec.valueSerde().deserializer().deserialize(spec.name(), bytes))
                .as(spec.name())
                .isEqualTo(value);
    }
}
