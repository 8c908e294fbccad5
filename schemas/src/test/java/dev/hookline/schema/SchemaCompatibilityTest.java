package dev.hookline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every released schema (under {@code src/main/resources/dev/hookline/schema/released/vN/}, never
 * edited once released, found as the serdes find them: {@link ReleasedSchemas}) must stay compatible
 * both ways with the current one: new readers read old data and old readers read new.
 */
class SchemaCompatibilityTest {

    /** Values of topics that did not exist in v1. */
    private static final java.util.Set<String> ADDED_SINCE_V1 = java.util.Set.of(DeviceAddress.getClassSchema().getFullName());

    static Stream<Arguments> releasedRecords() {
        return ReleasedSchemas.all().stream()
                .map(release -> Arguments.of(release.version() + " " + release.schema().getName(), release.schema()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedRecords")
    void shouldStayCompatibleBothWaysWithTheReleasedSchema(String release, Schema released) {
        Schema current = currentSchema(released.getFullName());

        assertThat(incompatibilities(current, released))
                .as("%s is no longer compatible with the current %s", release, released.getFullName())
                .isEmpty();
    }

    @Test
    void shouldKeepTheV1BaselineOfEveryTopicsValue() {
        List<Schema> v1 = ReleasedSchemas.all().stream()
                .filter(release -> release.version().equals("v1"))
                .map(ReleasedSchemas.Release::schema)
                .toList();

        // Every topic's value, and the processor's stored calls (its state store and changelog
        // outlive a release too).
        // Topics added since v1 have no v1 schema; they join the baseline of the release that ships them.
        List<String> released = new java.util.ArrayList<>(
                Topics.ALL.stream().map(spec -> spec.valueSerde().schema().getFullName())
                        .filter(name -> !ADDED_SINCE_V1.contains(name)).toList());
        released.add(StoredCalls.getClassSchema().getFullName());
        assertThat(v1).extracting(Schema::getFullName).containsExactlyInAnyOrderElementsOf(released);
    }

    @Test
    void shouldFailWhenAReleasedSchemaNoLongerExists() {
        assertThatThrownBy(() -> currentSchema("dev.hookline.schema.RemovedRecord"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("released schema dev.hookline.schema.RemovedRecord no longer exists");
    }

    @Test
    void shouldReportARequiredFieldAddedWithoutDefaultAsBreakingOldData() {
        Schema released = releasedV1("PhoneEvent");
        Schema current = withFields(released, Stream.concat(
                copies(released.getFields()).stream(),
                Stream.of(new Schema.Field("priority", Schema.create(Schema.Type.INT)))).toList());

        assertThat(incompatibilities(current, released))
                .singleElement(STRING)
                .startsWith("backward")
                .contains("READER_FIELD_MISSING_DEFAULT", "priority");
    }

    @Test
    void shouldReportARequiredFieldRemovedAsBreakingOldReaders() {
        Schema released = releasedV1("CallSession");
        Schema current = withFields(released, copies(released.getFields()).stream()
                .filter(field -> !field.name().equals("eventCount"))
                .toList());

        assertThat(incompatibilities(current, released))
                .singleElement(STRING)
                .startsWith("forward")
                .contains("READER_FIELD_MISSING_DEFAULT", "eventCount");
    }

    @Test
    void shouldReportAnEnumSymbolRemovedFromAnEnumWithoutDefaultAsBreakingOldData() {
        Schema released = releasedV1("CallState");
        Schema status = released.getField("state").schema();
        assertThat(status.getEnumDefault()).as("the enum must have no default for this test").isNull();
        Schema fewerSymbols = Schema.createEnum(status.getName(), status.getDoc(), status.getNamespace(),
                status.getEnumSymbols().stream().filter(symbol -> !symbol.equals("HELD")).toList());
        Schema current = withFields(released, released.getFields().stream()
                .map(field -> field.name().equals("state")
                        ? new Schema.Field(field, fewerSymbols)
                        : new Schema.Field(field, field.schema()))
                .toList());

        assertThat(incompatibilities(current, released))
                .singleElement(STRING)
                .startsWith("backward")
                .contains("MISSING_ENUM_SYMBOLS", "HELD");
    }

    /** Both directions; empty when compatible. */
    static List<String> incompatibilities(Schema current, Schema released) {
        List<String> found = new ArrayList<>();
        found.addAll(describe("backward (current reads released data)",
                SchemaCompatibility.checkReaderWriterCompatibility(current, released).getResult()));
        found.addAll(describe("forward (released reads current data)",
                SchemaCompatibility.checkReaderWriterCompatibility(released, current).getResult()));
        return found;
    }

    private static List<String> describe(String direction, SchemaCompatibilityResult result) {
        return result.getIncompatibilities().stream()
                .map((Incompatibility i) -> direction + ": " + i.getType() + " at " + i.getLocation()
                        + ": " + i.getMessage())
                .toList();
    }

    /** The schema of the generated class with this full name; fails when it no longer exists. */
    private static Schema currentSchema(String fullName) {
        try {
            return (Schema) Class.forName(fullName).getMethod("getClassSchema").invoke(null);
        } catch (ReflectiveOperationException e) {
            return fail("released schema %s no longer exists (%s)", fullName, e);
        }
    }

    private static Schema releasedV1(String name) {
        return ReleasedSchemas.all().stream()
                .filter(release -> release.version().equals("v1") && release.schema().getName().equals(name))
                .map(ReleasedSchemas.Release::schema)
                .findFirst()
                .orElseThrow();
    }

    private static Schema withFields(Schema record, List<Schema.Field> fields) {
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static List<Schema.Field> copies(List<Schema.Field> fields) {
        return fields.stream().map(field -> new Schema.Field(field, field.schema())).toList();
    }
}
