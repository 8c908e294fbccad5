package dev.hookline.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.schema.EventType;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.vendor.VendorFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vendor descriptors in a user's folder ({@code vendors.dir}) add vendors or replace built-in ones. */
class NormalizerUserProfileTest {

    /** What every descriptor must say besides its vendor data. */
    static final String ABOUT = """
            "title": "a test phone",
            "evidence": [{"level": "assumed", "about": "everything", "source": "this test"}],
            """;

    @TempDir
    Path dir;

    private static PhoneEvent event(Normalizer n, String uri, String ua) {
        return NormalizerCaptureTest.only(n.normalize(Captures.get(uri, ua), null));
    }

    @Test
    void aNewVendorFileAddsAPhone() throws IOException {
        Files.writeString(dir.resolve("acme.json"), """
            {"vendor": "acme", "aliases": ["roadrunner"],
            """ + ABOUT + """
             "recognize": {"pathSegments": ["acme"], "userAgentContains": ["acmephone"]},
             "userAgent": {"patterns": ["AcmePhone (?<model>\\\\S+) (?<firmware>[0-9.]+)"]},
             "reading": {"eventParameters": ["ev"],
                         "events": {"INCOMING_CALL": ["ring-ring"], "ON_HOOK": ["hung"]},
                         "fields": {"remote": ["caller"], "local": ["me"], "transferTarget": ["goes_to"]}}}
            """);
        Normalizer n = Normalizer.load(Optional.of(dir));
        PhoneEvent e = event(n, "/hook?ev=ring-ring&caller=sip:2002@pbx&me=1001&goes_to=1003", "AcmePhone A1 1.2.3");
        assertThat(e.getVendor()).isEqualTo("acme");
        assertThat(e.getType()).isEqualTo(EventType.INCOMING_CALL);
        assertThat(e.getRemoteUser()).isEqualTo("2002");
        assertThat(e.getLocalUser()).isEqualTo("1001");
        assertThat(e.getModel()).isEqualTo("A1");
        assertThat(e.getFirmware()).isEqualTo("1.2.3");
        assertThat(e.getTransferTarget()).isEqualTo("1003");
        assertThat(e.getAttributes()).doesNotContainKeys("ev", "caller", "me", "goes_to");
        assertThat(event(n, "/acme/hung", null).getType()).isEqualTo(EventType.ON_HOOK);
        // built-in vendors still work
        assertThat(event(n, "/yealink/off_hook", null).getType()).isEqualTo(EventType.OFF_HOOK);
        assertThat(n.vendorSpellingCounts()).containsEntry("acme", 2);
    }

    @Test
    void aFileWithTheSameVendorNameOverridesTheBuiltIn() throws IOException {
        Files.writeString(dir.resolve("snom.json"), """
            {"vendor": "snom",
            """ + ABOUT + """
             "recognize": {"pathSegments": ["snom"]},
             "reading": {"events": {"HOLD": ["parked"]}}}
            """);
        Normalizer n = Normalizer.load(Optional.of(dir));
        assertThat(event(n, "/snom/parked", null).getType()).isEqualTo(EventType.HOLD);
        assertThat(event(n, "/snom/parked", null).getVendor()).isEqualTo("snom");
        assertThat(Normalizer.load(Optional.empty()).normalize(Captures.get("/snom/parked", null), null))
                .isInstanceOf(NormalizeResult.Rejected.class);
    }

    @Test
    void invalidFileFailsLoadingNamingFileKeyAndProblem() throws IOException {
        Files.writeString(dir.resolve("broken.json"), """
            {"vendor": "broken",
            """ + ABOUT + """
             "recognize": {"pathSegments": ["broken"]},
             "reading": {"eventFromParameter": {"st": {"up": "OFF_HOOKED"}}}}
            """);
        assertThatThrownBy(() -> Normalizer.load(Optional.of(dir)))
                .isInstanceOf(VendorFileException.class)
                .hasMessageContaining("broken.json").hasMessageContaining("reading.eventFromParameter.st.up")
                .hasMessageContaining("OFF_HOOKED");
    }

    @Test
    void notJsonConflictingSpellingsAndUnknownKeysAreRejected() throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Files.writeString(a.resolve("x.json"), "{ not json");
        assertThatThrownBy(() -> Normalizer.load(Optional.of(a)))
                .isInstanceOf(VendorFileException.class).hasMessageContaining("x.json").hasMessageContaining("JSON");
        Path b = Files.createDirectory(dir.resolve("b"));
        Files.writeString(b.resolve("y.json"), """
            {"vendor": "y",
            """ + ABOUT + """
             "recognize": {"pathSegments": ["y"]},
             "reading": {"events": {"HOLD": ["off_hook"], "OFF_HOOK": ["Off Hook"]}}}
            """);
        assertThatThrownBy(() -> Normalizer.load(Optional.of(b)))
                .isInstanceOf(VendorFileException.class).hasMessageContaining("y.json")
                .hasMessageContaining("reading.events.OFF_HOOK").hasMessageContaining("Off Hook");
        Path c = Files.createDirectory(dir.resolve("c"));
        Files.writeString(c.resolve("z.json"), """
            {"vendor": "z",
            """ + ABOUT + """
             "recognize": {"pathSegments": ["z"]}, "reading": {"evnets": {}}}
            """);
        assertThatThrownBy(() -> Normalizer.load(Optional.of(c)))
                .isInstanceOf(VendorFileException.class).hasMessageContaining("z.json").hasMessageContaining("evnets");
    }

    @Test
    void builtInFilesCoverEveryVendor() {
        assertThat(Normalizer.load(Optional.empty()).vendorSpellingCounts()).containsKeys(
                "yealink", "snom", "aastra", "sangoma", "hanlong", "grandstream", "fanvil", "polycom", "gigaset", "generic");
    }
}
