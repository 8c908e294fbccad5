package dev.hookline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleasedSchemasTest {

    @Test
    void shouldListEveryReleasedFileInTheIndexTheBuildWrites() throws IOException, URISyntaxException {
        List<String> files = releasedFiles();

        assertThat(files).as("the released directory").isNotEmpty();
        try (InputStream index = ReleasedSchemas.class.getResourceAsStream(ReleasedSchemas.ROOT + ReleasedSchemas.INDEX)) {
            assertThat(index).as("the index the build writes").isNotNull();
            assertThat(new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().toList())
                    .containsExactlyInAnyOrderElementsOf(files);
        }
    }

    @Test
    void shouldLoadEveryReleasedRecordFileAndNoSharedType() throws IOException, URISyntaxException {
        // By the convention that a file is named after its schema.
        List<String> recordFiles = releasedFiles().stream().filter(file -> file.split("/").length == 2).toList();

        assertThat(ReleasedSchemas.all())
                .extracting(release -> release.version() + "/" + release.schema().getName() + ".avsc")
                .containsExactlyInAnyOrderElementsOf(recordFiles);
        assertThat(ReleasedSchemas.all()).extracting(release -> release.schema().getType())
                .containsOnly(Schema.Type.RECORD);
    }

    /** Records on the topics (and in the state store) carry these: a released file must never change them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            CallSession     | b7889cf95b3d083c
            CallState       | 5381ac8e8aafeab2
            CommandResult   | 7a07a9f405e8c5ed
            DeadLetter      | 2bf6fbac8e4c9fa0
            DeviceState     | b2529510a5e0918f
            LineStatus      | 739c91ca8cb2b3a0
            PhoneCommand    | 612a04fc6a227bef
            PhoneEvent      | 5d9ae90775cb631a
            RawPhoneRequest | 7c1028fc480754c1
            StoredCalls     | 351b0bd5e0acc6cf
            """)
    void shouldKeepTheFingerprintOfEachV1Record(String name, String fingerprint) {
        assertThat(ReleasedSchemas.of(SchemaTrust.PACKAGE + name))
                .map(schema -> String.format("%016x", SchemaNormalization.parsingFingerprint64(schema)))
                .containsExactly(fingerprint);
    }

    @Test
    void shouldResolveTheSharedTypesAndOtherRecordsAReleasedRecordRefersTo() {
        Schema deadLetter = ReleasedSchemas.of(DeadLetter.class.getName()).get(0);
        Schema rawRequest = deadLetter.getField("request").schema().getTypes().get(1);

        assertThat(rawRequest.getFullName()).isEqualTo(RawPhoneRequest.class.getName());
        assertThat(rawRequest.getField("source").schema().getEnumSymbols()).contains("ACTION_URL", "POLL");
    }

    @Test
    void shouldHaveNoReleaseOfARecordNeverReleased() {
        assertThat(ReleasedSchemas.of(SchemaTrust.PACKAGE + "NeverReleased")).isEmpty();
    }

    /** The processor's stored calls are released too: a state store outlives a release. */
    @Test
    void shouldReleaseTheStoredCallsOfTheStateStore() {
        assertThat(ReleasedSchemas.of(StoredCalls.class.getName())).singleElement()
                .satisfies(schema -> assertThat(schema.getField("calls")).isNotNull());
    }

    @Test
    void shouldOrderReleasesByNumberAndParseSharedTypesBeforeTheRecordsThatUseThem() {
        List<ReleasedSchemas.Release> releases = ReleasedSchemas.load("released-test-order/");

        assertThat(releases).extracting(release -> release.version() + " " + release.schema().getName())
                .containsExactly("v2 Holder", "v2 Thing", "v9 Thing", "v10 Thing");
        Schema thingInHolder = releases.get(0).schema().getField("thing").schema().getTypes().get(1);
        assertThat(thingInHolder).isEqualTo(releases.get(1).schema());
        assertThat(thingInHolder.getField("color").schema().getEnumSymbols()).containsExactly("RED", "GREEN");
        assertThat(releases.get(3).schema().getField("name").defaultVal()).isEqualTo("ten");
    }

    @Test
    void shouldNameTheReleaseWhenARecordRefersToATypeItDoesNotShip() {
        assertThatThrownBy(() -> ReleasedSchemas.load("released-test-undefined/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released-test-undefined/v1/")
                .hasMessageContaining("test.released.Shape");
    }

    @Test
    void shouldSayTheBuildWritesTheIndexWhenItIsMissing() {
        assertThatThrownBy(() -> ReleasedSchemas.load("released-nowhere/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev/hookline/schema/released-nowhere/index")
                .hasMessageContaining("mvn process-resources");
    }

    /** The .avsc files under released/ in the build's output, relative to it, with "/". */
    private static List<String> releasedFiles() throws IOException, URISyntaxException {
        Path root = Path.of(Objects.requireNonNull(ReleasedSchemas.class.getResource("released")).toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".avsc"))
                    .map(file -> root.relativize(file).toString().replace(root.getFileSystem().getSeparator(), "/"))
                    .toList();
        }
    }
}
