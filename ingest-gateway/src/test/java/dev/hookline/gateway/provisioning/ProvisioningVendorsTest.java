package dev.hookline.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.schema.EventType;
import dev.hookline.vendor.ProvisioningSpec;
import dev.hookline.vendor.VendorCatalogue;
import dev.hookline.vendor.VendorFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendors provisioning reads: the catalogue's descriptors, a user's folder included. */
class ProvisioningVendorsTest {
    private static final Provisioning BUILT_IN = Provisioning.builtIn();
    private static final String MINIMAL = """
            {"vendor": "acme", "title": "Acme desk phones",
                 "evidence": [{"level": "assumed", "about": "everything", "source": "a test"}],
             "recognize": {"pathSegments": ["acme"]},
             "provisioning": {
               "syntax": {"comment": "; {text}", "line": "{setting}={url}", "escape": "none"},
               "settingPattern": "url.{event}", "params": {"mac": "%MAC%"},
               "events": [{"event": "ring", "label": "Ringing", "canonical": "INCOMING_CALL"}]}}
            """;

    @TempDir
    Path tmp;

    @Test
    void shouldProvisionAVendorOfAUserFolderSoANewVendorIsJustANewFile() throws IOException {
        write(tmp.resolve("acme.json"), MINIMAL);

        Provisioning provisioning = Provisioning.of(VendorCatalogue.load(Optional.of(tmp)));

        assertThat(provisioning.vendors()).containsExactly("aastra", "acme", "hanlong", "sangoma", "snom", "yealink");
        String text = provisioning.render("acme", "http://gw", Optional.of("t"));
        assertThat(text).isEqualTo("; Hookline Action URL settings for Acme desk phones: every event goes to "
                + "http://gw/acme/<event> (each URL carries the gateway token)\n"
                + "url.ring=http://gw/acme/ring?mac=%MAC%&token=t\n");
        assertThat(BUILT_IN.canProvision("acme")).isFalse();
    }

    @Test
    void shouldLetAUserFileReplaceABuiltInVendor() throws IOException {
        write(tmp.resolve("snom.json"), MINIMAL.replace("\"acme\"", "\"snom\""));

        Provisioning provisioning = Provisioning.of(VendorCatalogue.load(Optional.of(tmp)));

        assertThat(provisioning.render("snom", "http://gw", Optional.empty()))
                .endsWith("url.ring=http://gw/snom/ring?mac=%MAC%\n");
    }

    @Test
    void shouldRejectAUserFileWhoseCanonicalEventIsNotAnEventTypeNamingFileAndKey() throws IOException {
        write(tmp.resolve("acme.json"), MINIMAL.replace("INCOMING_CALL", "RINGING"));

        assertThatThrownBy(() -> VendorCatalogue.load(Optional.of(tmp)))
                .isInstanceOf(VendorFileException.class)
                .hasMessageContaining("acme.json")
                .hasMessageContaining("provisioning.events[0]")
                .hasMessageContaining("RINGING");
    }

    @Test
    void shouldRejectAUserFileWhoseVendorDoesNotMatchItsName() throws IOException {
        write(tmp.resolve("other.json"), MINIMAL);

        assertThatThrownBy(() -> VendorCatalogue.load(Optional.of(tmp)))
                .hasMessageContaining("other.json")
                .hasMessageContaining("must match the file name");
    }

    @Test
    void shouldMapEveryEventOfEveryVendorToACanonicalType() {
        Set<EventType> yealink = EnumSet.noneOf(EventType.class);
        for (String vendor : BUILT_IN.vendors()) {
            ProvisioningSpec spec = BUILT_IN.descriptor(vendor).provisioning();
            Set<String> settings = new HashSet<>();
            for (ProvisioningSpec.Event e : spec.events()) {
                assertThat(e.canonical()).as(vendor + "/" + e.event()).isNotEmpty().doesNotContain(EventType.UNKNOWN);
                assertThat(settings.add(spec.settingOf(e))).as(vendor + " setting " + spec.settingOf(e)).isTrue();
                if (vendor.equals("yealink")) {
                    yealink.addAll(e.canonical());
                }
            }
        }
        // Yealink's events are the superset: all canonical types but Snom/Amego's log on/off.
        assertThat(EnumSet.complementOf(EnumSet.copyOf(yealink)))
                .containsExactlyInAnyOrder(EventType.LOG_ON, EventType.LOG_OFF, EventType.UNKNOWN);
    }

    @Test
    void shouldKeepTheEventCountsOfTheSources() {
        assertThat(List.of("yealink", "sangoma", "hanlong", "snom", "aastra"))
                .map(v -> BUILT_IN.descriptor(v).provisioning().events().size())
                .containsExactly(44, 34, 34, 20, 9);
        assertThat(BUILT_IN.descriptor("yealink").provisioning().maxUrlLength()).isEqualTo(511);
        assertThat(BUILT_IN.descriptor("aastra").provisioning().maxUrlLength()).isEqualTo(128);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
