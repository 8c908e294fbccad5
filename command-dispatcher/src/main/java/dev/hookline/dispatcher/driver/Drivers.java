package dev.hookline.dispatcher.driver;

import dev.hookline.dispatcher.driver.aastra.AastraDriver;
import dev.hookline.dispatcher.driver.hanlong.HanlongDriver;
import dev.hookline.dispatcher.driver.snom.SnomDriver;
import dev.hookline.dispatcher.driver.yealink.YealinkDriver;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The vendor drivers by vendor name, as {@code device.state.v1} spells the vendor (case ignored). */
public final class Drivers {

    private final Map<String, PhoneDriver> byVendor;

    /** @throws IllegalArgumentException when two drivers claim one vendor */
    public Drivers(Collection<? extends PhoneDriver> drivers) {
        Map<String, PhoneDriver> map = new TreeMap<>();
        for (PhoneDriver driver : drivers) {
            for (String vendor : driver.vendors()) {
                PhoneDriver previous = map.put(vendor.toLowerCase(Locale.ROOT), driver);
                if (previous != null) {
                    throw new IllegalArgumentException("vendor " + vendor + " has two drivers: "
                            + previous.getClass().getSimpleName() + " and " + driver.getClass().getSimpleName());
                }
            }
        }
        this.byVendor = Map.copyOf(map);
    }

    /** Every driver Hookline has; Yealink with HTTP Basic. */
    public static Drivers standard() {
        return standard(YealinkDriver.Login.HTTP_BASIC);
    }

    /** Every driver Hookline has, Yealink sending its login as given. */
    public static Drivers standard(YealinkDriver.Login yealinkLogin) {
        return new Drivers(List.of(new YealinkDriver(yealinkLogin), new HanlongDriver(), new SnomDriver(), new AastraDriver()));
    }

    public Optional<PhoneDriver> forVendor(String vendor) {
        return vendor == null ? Optional.empty() : Optional.ofNullable(byVendor.get(vendor.toLowerCase(Locale.ROOT)));
    }

    /** The vendor names served, lowercase. */
    public Set<String> vendors() {
        return new TreeSet<>(byVendor.keySet());
    }
}
