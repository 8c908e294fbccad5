package dev.hookline.dispatcher.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.dispatcher.driver.aastra.AastraDriver;
import dev.hookline.dispatcher.driver.hanlong.HanlongDriver;
import dev.hookline.dispatcher.driver.snom.SnomDriver;
import dev.hookline.dispatcher.driver.yealink.YealinkDriver;
import dev.hookline.schema.CommandAction;
import dev.hookline.testkit.phones.ActionUriEndpoints;
import dev.hookline.vendor.VendorCatalogue;
import dev.hookline.vendor.VendorDescriptor;
import dev.hookline.vendor.VendorFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriversTest {

    private final Drivers drivers = Drivers.builtIn();

    @TempDir
    Path vendorsDir;

    @Test
    void shouldFindOneDriverPerBuiltInDialectThroughTheServiceLoader() {
        Map<String, Class<?>> byDialect = Drivers.installed().stream()
                .collect(Collectors.toMap(PhoneDriver::dialect, Object::getClass));

        assertThat(byDialect).containsExactlyInAnyOrderEntriesOf(Map.of("yealink", YealinkDriver.class,
                "hanlong", HanlongDriver.class, "snom", SnomDriver.class, "aastra", AastraDriver.class));
        assertThat(byDialect.keySet()).containsExactlyInAnyOrderElementsOf(VendorCatalogue.builtIn().all().stream()
                .flatMap(d -> d.dialect().stream()).collect(Collectors.toSet()));
    }

    @Test
    void shouldResolveEveryBuiltInVendorThatTakesCommandsToADriverAndASimulatedEndpoint() {
        List<VendorDescriptor> commanded = VendorCatalogue.builtIn().all().stream()
                .filter(d -> d.actionUri() != null).toList();

        assertThat(commanded).extracting(VendorDescriptor::vendor)
                .containsExactlyInAnyOrder("aastra", "hanlong", "sangoma", "snom", "yealink");
        for (VendorDescriptor d : commanded) {
            String dialect = d.actionUri().dialect();
            assertThat(drivers.forVendor(d.vendor())).as(d.vendor()).hasValueSatisfying(
                    driver -> assertThat(driver.dialect()).isEqualTo(dialect));
            assertThat(ActionUriEndpoints.forDialect(dialect)).as(d.vendor()).isPresent();
            assertThat(ActionUriEndpoints.dialect(d.vendor(), VendorCatalogue.builtIn())).isEqualTo(dialect);
        }
        assertThat(drivers.vendors()).containsExactly("aastra", "hanlong", "sangoma", "snom", "yealink");
    }

    @Test
    void shouldFindEachVendorsDriverByNameOrAliasIgnoringCase() {
        assertThat(drivers.forVendor("yealink")).containsInstanceOf(YealinkDriver.class);
        assertThat(drivers.forVendor("Yealink")).containsInstanceOf(YealinkDriver.class);
        assertThat(drivers.forVendor("HANLONG")).containsInstanceOf(HanlongDriver.class);
        assertThat(drivers.forVendor("sangoma")).containsInstanceOf(HanlongDriver.class);
        assertThat(drivers.forVendor("htek")).containsInstanceOf(HanlongDriver.class);
        assertThat(drivers.forVendor("snom")).containsInstanceOf(SnomDriver.class);
        assertThat(drivers.forVendor("aastra")).containsInstanceOf(AastraDriver.class);
    }

    @Test
    void shouldReachTheAastraDriverThroughTheMitelAlias() {
        assertThat(drivers.forVendor("mitel")).containsInstanceOf(AastraDriver.class);
        assertThat(drivers.forVendor("Mitel")).isEqualTo(drivers.forVendor("aastra"));
    }

    @Test
    void shouldHaveNoDriverForVendorsThatTakeNoCommands() {
        assertThat(drivers.forVendor("polycom")).isEmpty();
        assertThat(drivers.forVendor("generic")).isEmpty();
        assertThat(drivers.forVendor("nobody")).isEmpty();
        assertThat(drivers.forVendor("")).isEmpty();
        assertThat(drivers.forVendor(null)).isEmpty();
        assertThat(drivers.dialects()).containsExactly("aastra", "hanlong", "snom", "yealink");
    }

    @Test
    void shouldConfigureYealinkFromItsOwnSettingUnderTheOldName() {
        Drivers query = Drivers.load(VendorCatalogue.builtIn(), new DispatcherConfig(Map.of("yealink.login", "query")));
        PhoneDriver yealink = query.forVendor("yealink").orElseThrow();

        assertThat(((YealinkDriver) yealink).login()).isEqualTo(YealinkDriver.Login.QUERY_PREFIX);
        assertThat(Commands.sent(yealink.translate(Commands.command(CommandAction.REBOOT), Commands.TARGET,
                Commands.WITH_LOGIN)).pathAndQuery()).startsWith("/servlet?p=login&q=login&");
        assertThat(((YealinkDriver) drivers.forVendor("yealink").orElseThrow()).login())
                .isEqualTo(YealinkDriver.Login.HTTP_BASIC);
    }

    @Test
    void shouldDocumentEachDriversSettingsInTheDispatchersDefinition() {
        ConfigDef.ConfigKey login = DispatcherConfig.DEFINITION.configKeys().get(YealinkDriver.LOGIN_SETTING);

        assertThat(login).isNotNull();
        assertThat(login.documentation).contains("Yealink");
        assertThat(login.defaultValue).isEqualTo("basic");
        assertThat(DispatcherConfig.DEFINITION.configKeys()).containsKey(DispatcherConfig.VENDOR_DIR);
    }

    @Test
    void shouldRefuseTwoDriversForOneDialect() {
        assertThatThrownBy(() -> new Drivers(VendorCatalogue.builtIn(), List.of(new YealinkDriver(), new HanlongDriver(),
                new SnomDriver(), new AastraDriver(), new YealinkDriver(YealinkDriver.Login.QUERY_PREFIX))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two command drivers speak dialect 'yealink'");
    }

    @Test
    void shouldRefuseTwoDriversDefiningOneSetting() {
        assertThatThrownBy(() -> Drivers.settings(List.of(new YealinkDriver(), new YealinkDriver())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("yealink.login");
    }

    @Test
    void shouldRefuseABuiltInVendorWhoseDialectHasNoDriver() {
        assertThatThrownBy(() -> new Drivers(VendorCatalogue.builtIn(), List.of(new YealinkDriver(), new SnomDriver(),
                new AastraDriver())))
                .isInstanceOf(VendorFileException.class)
                .hasMessageContaining("hanlong.json")
                .hasMessageContaining("actionUri.dialect")
                .hasMessageContaining("no command driver speaks dialect 'hanlong'");
    }

    @Test
    void shouldRefuseAUserDescriptorNamingAnUnknownDialectNamingItsFile() throws IOException {
        Path file = write("acme", "acme-xml");
        VendorCatalogue catalogue = VendorCatalogue.load(Optional.of(vendorsDir));

        assertThatThrownBy(() -> Drivers.load(catalogue, new DispatcherConfig(Map.of())))
                .isInstanceOf(VendorFileException.class)
                .hasMessage("vendor file " + file + ": actionUri.dialect: no command driver speaks dialect 'acme-xml'"
                        + " (vendor acme); drivers speak: aastra, hanlong, snom, yealink");
    }

    @Test
    void shouldServeAUserVendorOfAKnownDialect() throws IOException {
        write("acme", "snom");
        Drivers withAcme = Drivers.load(VendorCatalogue.load(Optional.of(vendorsDir)), new DispatcherConfig(Map.of()));

        assertThat(withAcme.forVendor("acme")).containsInstanceOf(SnomDriver.class);
        assertThat(withAcme.forVendor("yealink")).containsInstanceOf(YealinkDriver.class);
    }

    /** A user's descriptor of a new vendor whose phones speak {@code dialect}. */
    private Path write(String vendor, String dialect) throws IOException {
        return Files.writeString(vendorsDir.resolve(vendor + ".json"), UserVendors.descriptor(vendor, dialect));
    }
}
