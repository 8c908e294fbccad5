package dev.hookline.dispatcher.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.dispatcher.driver.aastra.AastraDriver;
import dev.hookline.dispatcher.driver.hanlong.HanlongDriver;
import dev.hookline.dispatcher.driver.snom.SnomDriver;
import dev.hookline.dispatcher.driver.yealink.YealinkDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriversTest {

    private final Drivers drivers = Drivers.standard();

    @Test
    void shouldFindEachVendorsDriverIgnoringCase() {
        assertThat(drivers.forVendor("yealink")).containsInstanceOf(YealinkDriver.class);
        assertThat(drivers.forVendor("Yealink")).containsInstanceOf(YealinkDriver.class);
        assertThat(drivers.forVendor("HANLONG")).containsInstanceOf(HanlongDriver.class);
        assertThat(drivers.forVendor("sangoma")).containsInstanceOf(HanlongDriver.class);
        assertThat(drivers.forVendor("htek")).containsInstanceOf(HanlongDriver.class);
        assertThat(drivers.forVendor("snom")).containsInstanceOf(SnomDriver.class);
        assertThat(drivers.forVendor("aastra")).containsInstanceOf(AastraDriver.class);
        assertThat(drivers.forVendor("Mitel")).containsInstanceOf(AastraDriver.class);
    }

    @Test
    void shouldHaveNoDriverForOtherVendors() {
        assertThat(drivers.forVendor("polycom")).isEmpty();
        assertThat(drivers.forVendor("")).isEmpty();
        assertThat(drivers.forVendor(null)).isEmpty();
        assertThat(drivers.vendors()).containsExactly("aastra", "hanlong", "htek", "mitel", "sangoma", "snom", "yealink");
    }

    @Test
    void shouldBuildYealinkWithTheChosenLogin() {
        PhoneDriver yealink = Drivers.standard(YealinkDriver.Login.QUERY_PREFIX).forVendor("yealink").orElseThrow();

        assertThat(Commands.sent(yealink.translate(Commands.command(dev.hookline.schema.CommandAction.REBOOT),
                Commands.TARGET, Commands.WITH_LOGIN)).pathAndQuery()).startsWith("/servlet?p=login&q=login&");
    }

    @Test
    void shouldRefuseTwoDriversForOneVendor() {
        assertThatThrownBy(() -> new Drivers(List.of(new YealinkDriver(), new YealinkDriver())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yealink");
    }
}
