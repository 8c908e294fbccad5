package dev.hookline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.Test;

class SampleRecordsTest {

    @Test
    void oneSamplePerCatalogueTopicInCatalogueOrder() {
        List<TopicSpec<?>> specs = SampleRecords.all().stream().<TopicSpec<?>>map(Sample::spec).toList();
        assertThat(specs).containsExactlyElementsOf(Topics.ALL);
    }

    @Test
    void everyValueIsOfItsTopicsSchemaAndFullyPopulated() {
        for (Sample<?> sample : SampleRecords.all()) {
            assertThat(sample.value()).isInstanceOf(sample.spec().valueSerde().type());
            assertFullyPopulated(sample.spec().name(), sample.value());
        }
    }

    @Test
    void everyValueSurvivesItsSerde() {
        for (Sample<?> sample : SampleRecords.all()) {
            byte[] bytes = sample.toBytes("").value();
            assertThat(sample.spec().valueSerde().decode(sample.topic(""), bytes))
                    .as(sample.spec().name())
                    .isEqualTo(sample.value());
        }
    }

    @Test
    void keysFollowTheTopicsKeyFormat() {
        for (Sample<?> sample : SampleRecords.all()) {
            String expected = sample.spec().keyFormat().startsWith("<device id>/") ? SampleRecords.LINE_KEY
                    : sample.spec().equals(Topics.DEVICE_ADDRESSES) ? "site-7/" + SampleRecords.deviceAddress().getAddress()
                    : SampleRecords.DEVICE_ID;
            assertThat(sample.key()).as(sample.spec().name()).isEqualTo(expected);
        }
        assertThat(SampleRecords.LINE_KEY).isEqualTo("805ec0a1b2c3/1001@pbx.example");
    }

    @Test
    void ofFindsTheSampleOfOneTopicAndBuildsFreshValues() {
        Sample<?> first = SampleRecords.of(Topics.LINE_STATUS);
        Sample<?> second = SampleRecords.of(Topics.LINE_STATUS);
        assertThat(first.spec()).isSameAs(Topics.LINE_STATUS);
        assertThat(first.value()).isEqualTo(second.value()).isNotSameAs(second.value());
    }

    /** No field left null, nested records included: a sample must exercise every field. */
    private static void assertFullyPopulated(String path, IndexedRecord record) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            assertThat(value).as(path + "." + field.name()).isNotNull();
            if (value instanceof IndexedRecord nested) {
                assertFullyPopulated(path + "." + field.name(), nested);
            }
        }
    }
}
