package dev.hookline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every released schema (src/test/resources/released/vN, never edited once released) must stay
 * compatible both ways with the current one: new readers read old data and old readers read new.
 */
class SchemaCompatibilityTest {

    private static final String RELEASED = "/released";

    static Stream<Arguments> releasedRecords() throws IOException, URISyntaxException {
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> versions = Files.list(resource(RELEASED))) {
            for (Path version : versions.sorted().toList()) {
                for (Schema schema : parseRecords(version)) {
                    all.add(Arguments.of(version.getFileName() + " " + schema.getName(), schema));
                }
            }
        }
        return all.stream();
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
    void shouldKeepTheV1BaselineOfEveryTopicsValue() throws IOException, URISyntaxException {
        List<Schema> v1 = parseRecords(resource(RELEASED + "/v1"));

        assertThat(v1).extracting(Schema::getFullName).containsExactlyInAnyOrderElementsOf(
                Topics.ALL.stream().map(spec -> spec.valueSerde().schema().getFullName()).toList());
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

    /**
     * Parses one release with one parser: common/ types first, then the records, retrying those that
     * refer to a record not parsed yet.
     */
    private static List<Schema> parseRecords(Path release) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        for (Path common : avscFiles(release.resolve("common"))) {
            parser.parse(common.toFile());
        }
        List<Path> pending = avscFiles(release);
        List<Schema> records = new ArrayList<>();
        while (!pending.isEmpty()) {
            Map<Path, Exception> failed = new LinkedHashMap<>();
            for (Path file : pending) {
                try {
                    records.add(parser.parse(file.toFile()));
                } catch (AvroTypeException | SchemaParseException e) {
                    failed.put(file, e);
                }
            }
            if (failed.size() == pending.size()) {
                throw new IllegalStateException("cannot parse " + failed);
            }
            pending = new ArrayList<>(failed.keySet());
        }
        return records;
    }

    private static List<Path> avscFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".avsc")).sorted().collect(Collectors.toList());
        }
    }

    private static Schema releasedV1(String name) {
        try {
            return parseRecords(resource(RELEASED + "/v1")).stream()
                    .filter(schema -> schema.getName().equals(name))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(SchemaCompatibilityTest.class.getResource(name), name).toURI());
    }

    private static Schema withFields(Schema record, List<Schema.Field> fields) {
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static List<Schema.Field> copies(List<Schema.Field> fields) {
        return fields.stream().map(field -> new Schema.Field(field, field.schema())).toList();
    }
}
