package dev.hookline.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.gateway.device.DeviceId.Source;
import dev.hookline.vendor.VendorCatalogue;
import dev.hookline.vendor.VendorDescriptor;
import dev.hookline.vendor.VendorFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway reads the MAC of every User-Agent example of every built-in vendor descriptor as
 * the descriptor says (or none where it says none), so a new descriptor's examples are tested
 * without a line of test code; and the User-Agent rules follow the catalogue, user folder included.
 */
class UserAgentExamplesTest {

    private static final String SRC = "10.1.2.21";
    private static final DeviceIdExtractor BUILT_IN = DeviceIdExtractor.of(VendorCatalogue.builtIn());

    static Stream<Arguments> examples() {
        return VendorCatalogue.builtIn().all().stream()
                .flatMap(d -> d.userAgent().examples().stream().map(e -> Arguments.of(d.vendor(), e.userAgent(), e.mac())));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("examples")
    void readsTheMacOfEveryDescriptorExample(String vendor, String userAgent, String mac) {
        assertThat(BUILT_IN.fromUserAgent(userAgent)).as(userAgent).isEqualTo(Optional.ofNullable(mac));
        DeviceId expected = mac == null ? new DeviceId("ip-" + SRC, Source.SOURCE_ADDRESS) : new DeviceId(mac, Source.USER_AGENT);
        assertThat(BUILT_IN.resolve("/offhook/" + vendor, "local=sip:1001@pbx", userAgent, SRC)).isEqualTo(expected);
        DeviceIdSources.UserAgentRule rule = BUILT_IN.ruleFor(userAgent);
        assertThat(rule).as("the rule that reads %s", userAgent).isNotNull();
        assertThat(rule.vendor()).isEqualTo(vendor);
    }

    @Test
    void theRulesAreTheDescriptorsThatRecogniseUserAgentsInCatalogueOrder() {
        List<VendorDescriptor> withMarkers = VendorCatalogue.builtIn().all().stream()
                .filter(d -> !d.recognize().userAgentContains().isEmpty()).toList();
        assertThat(withMarkers).isNotEmpty();
        assertThat(BUILT_IN.rules()).extracting(DeviceIdSources.UserAgentRule::vendor)
                .containsExactlyElementsOf(withMarkers.stream().map(VendorDescriptor::vendor).toList());
        assertThat(BUILT_IN.rules()).extracting(DeviceIdSources.UserAgentRule::markers)
                .containsExactlyElementsOf(withMarkers.stream().map(d -> d.recognize().userAgentContains()).toList());
    }

    @Test
    void aUserDescriptorAddsAUserAgentRuleAndOneWithoutAMacPlaceGetsTheGenericRule(@TempDir Path dir) throws IOException {
        write(dir.resolve("acme.json"), """
                {"vendor": "acme", "title": "Acme desk phones",
                 "evidence": [{"level": "assumed", "about": "everything", "source": "a test"}],
                 "recognize": {"userAgentContains": ["acmephone"]},
                 "userAgent": {"mac": {"at": "next-token", "keyword": "SN"}}}
                """);
        write(dir.resolve("zeta.json"), """
                {"vendor": "zeta", "title": "Zeta phones",
                 "evidence": [{"level": "assumed", "about": "everything", "source": "a test"}], "recognize": {"userAgentContains": ["zetaphone"]}}
                """);
        DeviceIdExtractor extractor = DeviceIdExtractor.of(VendorCatalogue.load(Optional.of(dir)));

        assertThat(extractor.fromUserAgent("AcmePhone A1 1.0 SN 0a0b0c0d0e0f")).contains("0a0b0c0d0e0f");
        assertThat(BUILT_IN.fromUserAgent("AcmePhone A1 1.0 SN 0a0b0c0d0e0f")).isEmpty(); // a bare 12-hex token
        assertThat(extractor.ruleFor("ZetaPhone Z1 0a:0b:0c:0d:0e:0f").where()).isEqualTo(DeviceIdSources.Where.GENERIC);
        assertThat(extractor.fromUserAgent("ZetaPhone Z1 0a:0b:0c:0d:0e:0f")).contains("0a0b0c0d0e0f");
        assertThat(extractor.fromUserAgent("ZetaPhone Z1 2.1 0a0b0c0d0e0f")).isEmpty();
        // The built-in vendors are still read.
        assertThat(extractor.fromUserAgent("Fanvil X4 2.10.2.6887 0c383e07e16c")).contains("0c383e07e16c");
    }

    @Test
    void aUserDescriptorReplacesABuiltInOnesRule(@TempDir Path dir) throws IOException {
        write(dir.resolve("fanvil.json"), """
                {"vendor": "fanvil", "title": "Fanvil",
                 "evidence": [{"level": "assumed", "about": "everything", "source": "a test"}], "recognize": {"userAgentContains": ["fanvil"]},
                 "userAgent": {"mac": {"at": "none"}}}
                """);
        DeviceIdExtractor extractor = DeviceIdExtractor.of(VendorCatalogue.load(Optional.of(dir)));

        assertThat(extractor.fromUserAgent("Fanvil X4 2.10.2.6887 0c383e07e16c")).isEmpty();
    }

    @Test
    void anInvalidUserDescriptorNamesTheFileAndKey(@TempDir Path dir) throws IOException {
        write(dir.resolve("acme.json"), """
                {"vendor": "acme", "title": "Acme",
                 "evidence": [{"level": "assumed", "about": "everything", "source": "a test"}], "recognize": {"userAgentContains": ["acme"]},
                 "userAgent": {"mac": {"at": "after-prefix"}}}
                """);

        assertThatThrownBy(() -> VendorCatalogue.load(Optional.of(dir)))
                .isInstanceOf(VendorFileException.class)
                .hasMessageContaining("acme.json").hasMessageContaining("userAgent.mac.keyword");
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
