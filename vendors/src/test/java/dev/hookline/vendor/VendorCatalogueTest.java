package dev.hookline.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.schema.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorCatalogueTest {

    @TempDir
    Path dir;

    @Test
    void builtInDescriptorsLoadWithTheFallbackLast() {
        VendorCatalogue c = VendorCatalogue.builtIn();
        assertThat(c.names()).contains("yealink", "snom", "aastra", "hanlong", "sangoma", "grandstream", "fanvil",
                "polycom", "gigaset").endsWith("generic");
        assertThat(c.fallback()).map(VendorDescriptor::vendor).contains("generic");
        assertThat(c.specific()).noneMatch(VendorDescriptor::fallback);
    }

    @Test
    void aliasesNameTheVendorTheTopicsReport() {
        VendorCatalogue c = VendorCatalogue.builtIn();
        assertThat(c.get("Mitel").vendor()).isEqualTo("aastra");
        assertThat(c.get("htek").vendor()).isEqualTo("hanlong");
        assertThat(c.find("nokia")).isEmpty();
        assertThatThrownBy(() -> c.get("nokia")).isInstanceOf(VendorFileException.class)
                .hasMessageContaining("unknown vendor 'nokia'").hasMessageContaining("yealink");
    }

    @Test
    void everyDescriptorStatesItsEvidence() {
        for (VendorDescriptor d : VendorCatalogue.builtIn().all()) {
            assertThat(d.evidence()).as(d.vendor()).isNotEmpty();
            assertThat(d.evidence()).as(d.vendor()).allSatisfy(e -> {
                assertThat(e.level()).isNotNull();
                assertThat(e.source()).isNotBlank().doesNotContain("seed").doesNotContain("vendors.md");
            });
        }
    }

    @Test
    void everySimulatedPhoneHasAnOuiAndEveryDialectIsNamed() {
        for (VendorDescriptor d : VendorCatalogue.builtIn().all()) {
            if (d.simulator() != null) {
                assertThat(d.simulatedMacPrefix()).as(d.vendor()).matches("[0-9a-f]{6}");
                String ua = d.simulator().userAgentOf(d.simulatedMacPrefix() + "0a0b0c");
                assertThat(ua).as(d.vendor()).doesNotContain("{");
            }
        }
        assertThat(VendorCatalogue.builtIn().get("sangoma").dialect()).contains("hanlong");
    }

    @Test
    void userAgentPatternsReadTheExamplesModelAndFirmware() {
        int checked = 0;
        for (VendorDescriptor d : VendorCatalogue.builtIn().all()) {
            for (UserAgentSpec.Example e : d.userAgent().examples()) {
                if (e.model() == null && e.firmware() == null) {
                    continue;
                }
                var m = d.userAgent().compiledPatterns().stream().map(p -> p.matcher(e.userAgent()))
                        .filter(java.util.regex.Matcher::find).findFirst();
                assertThat(m).as(e.userAgent()).isPresent();
                if (e.model() != null) {
                    assertThat(m.get().group("model")).as(e.userAgent()).isEqualTo(e.model());
                }
                if (e.firmware() != null) {
                    assertThat(m.get().group("firmware")).as(e.userAgent()).isEqualTo(e.firmware());
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5);
    }

    @Test
    void aUserFolderAddsAVendorAndReplacesABuiltInOne() throws IOException {
        write("acme", minimal("acme", "\"recognize\": {\"userAgentContains\": [\"AcmePhone\"]}"));
        write("fanvil", minimal("fanvil", "\"recognize\": {\"pathSegments\": [\"fanvil\"]}, \"title\": \"mine\""
                .replace(", \"title\": \"mine\"", "")));
        VendorCatalogue c = VendorCatalogue.load(Optional.of(dir));
        assertThat(c.get("acme").recognize().userAgentContains()).containsExactly("acmephone");
        assertThat(c.get("acme").file()).endsWith("acme.json");
        assertThat(c.get("fanvil").file()).startsWith(dir.toString());
        assertThat(c.get("fanvil").reading().events()).containsOnlyKeys(EventType.INCOMING_CALL);
        assertThat(c.get("yealink").file()).startsWith(VendorCatalogue.BUILT_IN);
    }

    @Test
    void anUnknownKeyNamesTheFileTheKeyAndTheReason() throws IOException {
        write("acme", minimal("acme", "\"recognize\": {\"userAgentContains\": [\"acme\"], \"oui\": [\"001122\"]}"));
        assertThatThrownBy(() -> VendorCatalogue.load(Optional.of(dir))).isInstanceOf(VendorFileException.class)
                .hasMessageContaining("acme.json").hasMessageContaining("recognize").hasMessageContaining("oui");
    }

    @Test
    void badValuesAreRefusedWithTheirKey() throws IOException {
        assertRefused(minimal("acme", "\"recognize\": {\"pathSegments\": [\"acme\"]}")
                .replace("INCOMING_CALL", "RINGING_NOW"), "reading.events.RINGING_NOW", "not a canonical event type");
        assertRefused(minimal("acme", "\"recognize\": {\"pathSegments\": [\"acme\"]}, "
                + "\"userAgent\": {\"patterns\": [\"Acme (?<model>[\"]}"), "userAgent.patterns[0]", "regular expression");
        assertRefused(minimal("acme", "\"recognize\": {\"pathSegments\": [\"acme\"]}")
                .replace("[\"ring\"]", "[\"ring\"], \"ON_HOOK\": [\"Ring!\"]"), "reading.events.ON_HOOK", "same as 'ring'");
        assertRefused(minimal("acme", "\"recognize\": {}"), "recognize", "at least one");
        assertRefused(minimal("other", "\"recognize\": {\"pathSegments\": [\"acme\"]}"), "vendor", "file name");
        assertRefused(minimal("acme", "\"recognize\": {\"pathSegments\": [\"acme\"]}, \"aliases\": [\"mitel\"]"),
                "aliases", "already names vendor aastra");
        assertRefused("{\"vendor\": \"acme\", \"title\": \"Acme\"", "", "not valid JSON");
        assertRefused(minimal("acme", "\"recognize\": {\"pathSegments\": [\"acme\"]}").replace(
                "\"evidence\": [{\"level\": \"observed\"", "\"evidence\": [{\"level\": \"rumoured\""), "evidence", "");
    }

    private void assertRefused(String json, String key, String reason) throws IOException {
        Path sub = Files.createTempDirectory(dir, "case");
        Files.writeString(sub.resolve("acme.json"), json);
        assertThatThrownBy(() -> VendorCatalogue.load(Optional.of(sub))).isInstanceOf(VendorFileException.class)
                .hasMessageStartingWith("vendor file " + sub.resolve("acme.json"))
                .hasMessageContaining(key).hasMessageContaining(reason);
    }

    private void write(String name, String json) throws IOException {
        Files.writeString(dir.resolve(name + ".json"), json);
    }

    private static String minimal(String vendor, String more) {
        return "{\"vendor\": \"" + vendor + "\", \"title\": \"Acme desk phones\", " + more + ","
                + " \"evidence\": [{\"level\": \"observed\", \"about\": \"everything\", \"source\": \"a test\"}],"
                + " \"reading\": {\"events\": {\"INCOMING_CALL\": [\"ring\"]}}}";
    }

    @Test
    void listsOfNamesStayInFileOrder() {
        assertThat(VendorCatalogue.builtIn().get("grandstream").recognize().pathSegments())
                .isEqualTo(List.of("grandstream", "gs"));
    }
}
