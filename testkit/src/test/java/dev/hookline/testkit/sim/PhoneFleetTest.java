package dev.hookline.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhoneFleetTest {

    private static final List<VendorTemplates> VENDORS = List.of(TestVendors.full("http://127.0.0.1:1"),
            TestVendors.basic("http://127.0.0.1:1"));

    @Test
    void shouldGiveEachPhoneItsOwnLoopbackAddressInOrder() {
        assertThat(LoopbackAddresses.forIndex(0)).isEqualTo("127.1.0.1");
        assertThat(LoopbackAddresses.forIndex(253)).isEqualTo("127.1.0.254");
        assertThat(LoopbackAddresses.forIndex(254)).isEqualTo("127.1.1.1");
        assertThat(LoopbackAddresses.forIndex(254 * 256)).isEqualTo("127.2.0.1");
        assertThat(LoopbackAddresses.forIndex(LoopbackAddresses.CAPACITY - 1)).isEqualTo("127.254.255.254");
        assertThatThrownBy(() -> LoopbackAddresses.forIndex(LoopbackAddresses.CAPACITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNeverRepeatAnAddressOrAMac() {
        Set<String> addresses = new HashSet<>();
        Set<String> macs = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertThat(addresses.add(LoopbackAddresses.forIndex(i))).as("address of %d", i).isTrue();
            assertThat(macs.add(MacAddress.forIndex("0a0b0c", i).hex())).as("MAC of %d", i).isTrue();
        }
        assertThat(addresses).noneMatch(a -> a.startsWith("127.0.") || a.endsWith(".0") || a.endsWith(".255"));
    }

    @Test
    void shouldMakeTheSameFleetEveryTime() {
        PhoneFleet a = PhoneFleet.of(5, VENDORS, 2);
        PhoneFleet b = PhoneFleet.of(5, VENDORS, 2);

        assertThat(a.phones()).isEqualTo(b.phones());
        PhoneIdentity third = a.phone(2);
        assertThat(third.vendor().vendor()).isEqualTo("full");
        assertThat(a.phone(1).vendor().vendor()).isEqualTo("basic");
        assertThat(third.address()).isEqualTo("127.1.0.3");
        assertThat(third.deviceId()).startsWith("0a0b0c").hasSize(12).isEqualTo(MacAddress.forIndex("0a0b0c", 2).hex());
        assertThat(third.lineUsers()).containsExactly("1002", "1002-2");
        assertThat(a.phone(1).deviceId()).startsWith("0d0e0f");
    }

    @Test
    void shouldWriteTheMacInTheUserAgentAsTheVendorDoes() {
        MacAddress mac = new MacAddress("00085d2374a9");

        assertThat(mac.fill("A MAC:{MAC-} V:1")).isEqualTo("A MAC:00-08-5D-23-74-A9 V:1");
        assertThat(mac.fill("{mac:} {MAC} {mac}")).isEqualTo("00:08:5d:23:74:a9 00085D2374A9 00085d2374a9");
        PhoneIdentity phone = PhoneFleet.of(2, VENDORS, 1).phone(1);
        assertThat(phone.userAgent()).isEqualTo("Basic B2 MAC:" + phone.mac().upperHyphens() + " V:9.9");
    }

    @Test
    void shouldRefuseImpossibleFleets() {
        assertThatThrownBy(() -> PhoneFleet.of(1, List.of(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneFleet.of(1, VENDORS, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneFleet.of(-1, VENDORS, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
