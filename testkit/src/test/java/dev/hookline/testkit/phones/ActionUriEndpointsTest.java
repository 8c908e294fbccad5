package dev.hookline.testkit.phones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.testkit.sim.PhoneModel;
import dev.hookline.vendor.VendorCatalogue;
import dev.hookline.vendor.VendorDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulated phones' endpoints are ServiceLoader plug-ins, picked by dialect or through a vendor's descriptor. */
class ActionUriEndpointsTest {

    private static final VendorCatalogue BUILT_IN = VendorCatalogue.builtIn();

    @TempDir
    Path vendorsDir;

    @Test
    void shouldFindOneEndpointPerBuiltInDialect() {
        Map<String, Class<?>> byDialect = ActionUriEndpoints.installed().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getClass()));

        assertThat(byDialect).containsExactlyInAnyOrderEntriesOf(Map.of("yealink", YealinkEndpoint.class,
                "hanlong", HanlongEndpoint.class, "snom", SnomEndpoint.class, "aastra", AastraEndpoint.class));
        assertThat(ActionUriEndpoints.installed()).allSatisfy((dialect, endpoint) ->
                assertThat(endpoint.dialect()).isEqualTo(dialect));
        assertThat(ActionUriEndpoints.dialects()).containsExactly("aastra", "hanlong", "snom", "yealink");
    }

    @Test
    void shouldGiveEveryBuiltInVendorThatTakesCommandsItsDialectsEndpoint() {
        for (VendorDescriptor d : BUILT_IN.all()) {
            if (d.actionUri() != null) {
                assertThat(ActionUriEndpoints.dialect(d.vendor(), BUILT_IN)).as(d.vendor()).isEqualTo(d.actionUri().dialect());
                assertThat(ActionUriEndpoints.forDialect(d.actionUri().dialect())).as(d.vendor()).isPresent();
            }
        }
    }

    @Test
    void shouldTakeADialectOrAVendorNameOrAlias() {
        assertThat(ActionUriEndpoints.dialect("yealink", BUILT_IN)).isEqualTo("yealink");
        assertThat(ActionUriEndpoints.dialect("sangoma", BUILT_IN)).isEqualTo("hanlong");
        assertThat(ActionUriEndpoints.dialect("htek", BUILT_IN)).isEqualTo("hanlong");
        assertThat(ActionUriEndpoints.dialect("Mitel", BUILT_IN)).isEqualTo("aastra");
    }

    @Test
    void shouldSayWhyANameGivesNoPhone() {
        assertThatThrownBy(() -> SimulatedPhone.builder("polycom"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vendor polycom takes no commands");
        assertThatThrownBy(() -> SimulatedPhone.builder("nokia"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nokia' is neither a dialect")
                .hasMessageContaining("aastra, hanlong, snom, yealink");
        assertThatThrownBy(() -> new PhoneModel("N1", "1.0", "Nokia {mac}", "0a0b0c", "nokia"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no simulated Action URI endpoint serves dialect 'nokia'");
    }

    @Test
    void shouldPlayAUserVendorWithItsDialectsEndpoint() throws IOException {
        write("acme", "snom");
        write("zeta", "zeta-xml");
        VendorCatalogue catalogue = VendorCatalogue.load(Optional.of(vendorsDir));

        try (SimulatedPhone phone = SimulatedPhone.builder("acme", catalogue).host("127.0.0.10").start()) {
            assertThat(phone.dialect()).isEqualTo("snom");
            assertThat(PhoneClient.get(phone, "/command.htm?number=1002").statusCode()).isEqualTo(302);
            assertThat(phone.state().lastDialed()).isEqualTo("1002");
        }
        assertThatThrownBy(() -> SimulatedPhone.builder("zeta", catalogue))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dialect 'zeta-xml'")
                .hasMessageContaining("zeta.json");
    }

    private void write(String vendor, String dialect) throws IOException {
        Files.writeString(vendorsDir.resolve(vendor + ".json"), "{\"vendor\": \"" + vendor + "\", \"title\": \"Test phones\","
                + " \"recognize\": {\"pathSegments\": [\"" + vendor + "\"]}, \"actionUri\": {\"dialect\": \"" + dialect + "\"},"
                + " \"evidence\": [{\"level\": \"observed\", \"about\": \"all\", \"source\": \"a test\"}]}");
    }
}
