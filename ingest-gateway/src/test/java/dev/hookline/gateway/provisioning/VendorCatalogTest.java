package dev.hookline.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.schema.EventType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorCatalogTest {
    private static final String MINIMAL = """
            {"vendor": "acme", "title": "Acme desk phones",
             "syntax": {"comment": "; {text}", "line": "{setting}={url}", "escape": "none"},
             "settingPattern": "url.{event}", "params": {"mac": "%MAC%"},
             "events": [{"event": "ring", "label": "Ringing", "canonical": "INCOMING_CALL"}]}
            """;

    @TempDir
    Path tmp;

    @Test
    void shouldLoadAVendorFromAJarSoANewVendorIsJustANewFile() throws IOException {
        Path jar = tmp.resolve("acme.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("prov/"));
            out.putNextEntry(new JarEntry("prov/acme.json"));
            out.write(MINIMAL.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("prov/readme.txt"));
            out.putNextEntry(new JarEntry("prov/sub/ignored.json"));
        }

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            VendorCatalog catalog = VendorCatalog.load(loader, "prov");

            assertThat(catalog.names()).containsExactly("acme");
            String text = SnippetRenderer.render(catalog.get("acme"), GatewayTarget.of("http://gw", Optional.of("t")));
            assertThat(text).endsWith("url.ring=http://gw/acme/ring?mac=%MAC%&token=t\n").startsWith("; Hookline");
        }
    }

    @Test
    void shouldRejectAFileWhoseCanonicalEventIsNotAnEventType() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("prov"));
        write(dir.resolve("acme.json"), MINIMAL.replace("INCOMING_CALL", "RINGING"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> VendorCatalog.load(loader, "prov"))
                    .isInstanceOf(ProvisioningException.class)
                    .hasMessageContaining("prov/acme.json")
                    .hasMessageContaining("RINGING");
        }
    }

    @Test
    void shouldRejectASamplePhoneWithAnUnknownUserAgentPlaceholder() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("prov"));
        write(dir.resolve("acme.json"), MINIMAL.replace("\"events\"", """
                "samplePhone": {"model": "A1", "firmware": "1.0", "userAgent": "Acme A1 {serial}", "macPrefix": "0a0b0c"},
                "events\""""));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> VendorCatalog.load(loader, "prov"))
                    .isInstanceOf(ProvisioningException.class)
                    .hasMessageContaining("prov/acme.json")
                    .hasMessageContaining("{serial}");
        }
    }

    @Test
    void shouldRejectAFileWhoseVendorDoesNotMatchItsName() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("prov"));
        write(dir.resolve("other.json"), MINIMAL);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> VendorCatalog.load(loader, "prov"))
                    .hasMessageContaining("prov/other.json")
                    .hasMessageContaining("must match the file name");
        }
    }

    @Test
    void shouldMapEveryEventOfEveryVendorToACanonicalType() {
        Set<EventType> yealink = EnumSet.noneOf(EventType.class);
        for (String vendor : Provisioning.vendors()) {
            VendorSpec spec = Provisioning.catalog().get(vendor);
            Set<String> settings = new HashSet<>();
            for (VendorSpec.Event e : spec.events()) {
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
                .map(v -> Provisioning.catalog().get(v).events().size())
                .containsExactly(44, 34, 34, 20, 9);
        assertThat(Provisioning.catalog().get("yealink").maxUrlLength()).isEqualTo(511);
        assertThat(Provisioning.catalog().get("aastra").maxUrlLength()).isEqualTo(128);
    }

    private static void write(Path file, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
