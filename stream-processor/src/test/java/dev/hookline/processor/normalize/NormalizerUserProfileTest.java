package dev.hookline.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.schema.EventType;
import dev.hookline.schema.PhoneEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizerUserProfileTest {

    @TempDir
    Path dir;

    private static PhoneEvent event(Normalizer n, String uri, String ua) {
        return NormalizerCaptureTest.only(n.normalize(Captures.get(uri, ua), null));
    }

    @Test
    void aNewVendorFileAddsAPhone() throws IOException {
        Files.writeString(dir.resolve("acme.json"), """
            {"vendor": "acme",
             "recognize": {"pathSegments": ["acme"], "userAgentContains": ["acmephone"]},
             "userAgentPatterns": ["AcmePhone (?<model>\\\\S+) (?<firmware>[0-9.]+)"],
             "eventParameters": ["ev"],
             "events": {"INCOMING_CALL": ["ring-ring"], "ON_HOOK": ["hung"]},
             "fields": {"remote": ["caller"], "local": ["me"]}}
            """);
        Normalizer n = Normalizer.load(Optional.of(dir));
        PhoneEvent e = event(n, "/hook?ev=ring-ring&caller=sip:2002@pbx&me=1001", "AcmePhone A1 1.2.3");
        assertThat(e.getVendor()).isEqualTo("acme");
        assertThat(e.getType()).isEqualTo(EventType.INCOMING_CALL);
        assertThat(e.getRemoteUser()).isEqualTo("2002");
        assertThat(e.getLocalUser()).isEqualTo("1001");
        assertThat(e.getModel()).isEqualTo("A1");
        assertThat(event(n, "/acme/hung", null).getType()).isEqualTo(EventType.ON_HOOK);
        // built-in vendors still work
        assertThat(event(n, "/yealink/off_hook", null).getType()).isEqualTo(EventType.OFF_HOOK);
    }

    @Test
    void aFileWithTheSameVendorNameOverridesTheBuiltIn() throws IOException {
        Files.writeString(dir.resolve("my-snom.json"), """
            {"vendor": "snom",
             "recognize": {"pathSegments": ["snom"]},
             "events": {"HOLD": ["parked"]}}
            """);
        Normalizer n = Normalizer.load(Optional.of(dir));
        assertThat(event(n, "/snom/parked", null).getType()).isEqualTo(EventType.HOLD);
        assertThat(Normalizer.load(Optional.empty()).normalize(Captures.get("/snom/parked", null), null))
                .isInstanceOf(NormalizeResult.Rejected.class);
    }

    @Test
    void invalidFileFailsLoadingNamingFileAndProblem() throws IOException {
        Files.writeString(dir.resolve("broken.json"), """
            {"vendor": "broken", "recognize": {"pathSegments": ["broken"]},
             "events": {"OFF_HOOKED": ["x"]}}
            """);
        assertThatThrownBy(() -> Normalizer.load(Optional.of(dir)))
                .isInstanceOf(VendorProfileException.class)
                .hasMessageContaining("broken.json").hasMessageContaining("OFF_HOOKED");
    }

    @Test
    void notJsonAndConflictingSpellingsAreRejected() throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Files.writeString(a.resolve("x.json"), "{ not json");
        assertThatThrownBy(() -> Normalizer.load(Optional.of(a)))
                .isInstanceOf(VendorProfileException.class).hasMessageContaining("x.json").hasMessageContaining("JSON");
        Path b = Files.createDirectory(dir.resolve("b"));
        Files.writeString(b.resolve("y.json"), """
            {"vendor": "y", "recognize": {"pathSegments": ["y"]},
             "events": {"HOLD": ["off_hook"], "OFF_HOOK": ["Off Hook"]}}
            """);
        assertThatThrownBy(() -> Normalizer.load(Optional.of(b)))
                .isInstanceOf(VendorProfileException.class).hasMessageContaining("y.json").hasMessageContaining("Off Hook");
        Path c = Files.createDirectory(dir.resolve("c"));
        Files.writeString(c.resolve("z.json"), """
            {"vendor": "z", "recognize": {"pathSegments": ["z"]}, "evnets": {}}
            """);
        assertThatThrownBy(() -> Normalizer.load(Optional.of(c)))
                .isInstanceOf(VendorProfileException.class).hasMessageContaining("z.json").hasMessageContaining("evnets");
    }

    @Test
    void builtInFilesCoverEveryVendor() {
        assertThat(Normalizer.load(Optional.empty()).vendorSpellingCounts()).containsKeys(
                "yealink", "snom", "aastra", "sangoma", "hanlong", "grandstream", "fanvil", "polycom", "generic");
    }
}
