package dev.hookline.dispatcher.driver;

import dev.hookline.vendor.VendorCatalogue;
import dev.hookline.vendor.VendorDescriptor;
import dev.hookline.vendor.VendorFileException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The driver of each vendor in a catalogue: vendor name or alias, then its descriptor, then the
 * descriptor's {@code actionUri.dialect}, then the one driver that speaks that dialect. A vendor
 * whose descriptor has no {@code actionUri} takes no commands and has no driver.
 */
public final class Drivers {

    private static volatile List<PhoneDriver> installed;

    private final VendorCatalogue catalogue;
    /** Dialect to driver. */
    private final Map<String, PhoneDriver> byDialect;

    /**
     * @throws IllegalStateException when two drivers speak one dialect
     * @throws VendorFileException   naming the descriptor's file when it names a dialect no driver speaks
     */
    public Drivers(VendorCatalogue catalogue, Collection<? extends PhoneDriver> drivers) {
        this.catalogue = catalogue;
        this.byDialect = byDialect(drivers);
        // A descriptor that names a dialect no driver speaks fails the start, built-in or from the
        // user's folder alike. The dialect is the descriptor's only statement about commands (a
        // vendor whose phones take none leaves actionUri out), and the dispatcher is the one place
        // where drivers, plug-ins included, are on the class path: a misspelt or missing dialect
        // would otherwise pass the start and then refuse every command to those phones.
        for (VendorDescriptor d : catalogue.all()) {
            d.dialect().filter(dialect -> !byDialect.containsKey(dialect)).ifPresent(dialect -> {
                throw new VendorFileException("vendor file " + d.file() + ": actionUri.dialect: no command driver"
                        + " speaks dialect '" + dialect + "' (vendor " + d.vendor() + "); drivers speak: "
                        + String.join(", ", byDialect.keySet()));
            });
        }
    }

    private static Map<String, PhoneDriver> byDialect(Collection<? extends PhoneDriver> drivers) {
        Map<String, PhoneDriver> map = new TreeMap<>();
        for (PhoneDriver driver : drivers) {
            PhoneDriver previous = map.put(driver.dialect(), driver);
            if (previous != null) {
                throw new IllegalStateException("two command drivers speak dialect '" + driver.dialect() + "': "
                        + previous.getClass().getName() + " and " + driver.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The drivers on the class path ({@code META-INF/services/dev.hookline.dispatcher.driver.PhoneDriver}),
     * unconfigured, in dialect order; found once.
     *
     * @throws IllegalStateException when two drivers speak one dialect
     */
    public static List<PhoneDriver> installed() {
        List<PhoneDriver> found = installed;
        if (found == null) {
            List<PhoneDriver> loaded = ServiceLoader.load(PhoneDriver.class, PhoneDriver.class.getClassLoader())
                    .stream().map(ServiceLoader.Provider::get).toList();
            found = List.copyOf(byDialect(loaded).values());
            installed = found;
        }
        return found;
    }

    /**
     * Every installed driver's settings in one definition.
     *
     * @throws IllegalStateException when two drivers define one setting
     */
    public static ConfigDef settings() {
        return settings(installed());
    }

    /**
     * These drivers' settings in one definition.
     *
     * @throws IllegalStateException when two drivers define one setting
     */
    public static ConfigDef settings(Collection<? extends PhoneDriver> drivers) {
        ConfigDef all = new ConfigDef();
        Map<String, String> owner = new TreeMap<>();
        for (PhoneDriver driver : drivers) {
            for (ConfigDef.ConfigKey key : driver.settings().configKeys().values()) {
                String previous = owner.putIfAbsent(key.name, driver.getClass().getName());
                if (previous != null) {
                    throw new IllegalStateException("setting " + key.name + " is defined by two command drivers: "
                            + previous + " and " + driver.getClass().getName());
                }
                all.define(key);
            }
        }
        return all;
    }

    /**
     * The installed drivers, each configured from {@code settings} (whose definition holds
     * {@link #settings()}), serving the vendors of {@code catalogue}.
     */
    public static Drivers load(VendorCatalogue catalogue, AbstractConfig settings) {
        return new Drivers(catalogue, installed().stream().map(driver -> driver.configure(settings)).toList());
    }

    /** The installed drivers with their default settings, serving the built-in vendors. */
    public static Drivers builtIn() {
        try {
            return load(VendorCatalogue.builtIn(), new AbstractConfig(settings(), Map.of(), false));
        } catch (ConfigException e) {
            throw new IllegalStateException("a command driver's setting has no usable default: " + e.getMessage(), e);
        }
    }

    /** The driver for a vendor named as in {@code device.state.v1}, or by an alias (case ignored). */
    public Optional<PhoneDriver> forVendor(String vendor) {
        return catalogue.find(vendor).flatMap(VendorDescriptor::dialect).map(byDialect::get);
    }

    /** The driver that speaks {@code dialect}. */
    public Optional<PhoneDriver> forDialect(String dialect) {
        return Optional.ofNullable(byDialect.get(dialect));
    }

    /** The vendors commands can be sent to (descriptor names, not aliases), in catalogue order. */
    public List<String> vendors() {
        return catalogue.all().stream().filter(d -> d.dialect().isPresent()).map(VendorDescriptor::vendor).toList();
    }

    /** The dialects spoken, in order. */
    public List<String> dialects() {
        return List.copyOf(byDialect.keySet());
    }

    /** Each vendor commands can be sent to with its dialect, e.g. {@code sangoma (hanlong)}, for the start log. */
    public String describe() {
        return String.join(", ", catalogue.all().stream().filter(d -> d.dialect().isPresent())
                .map(d -> d.vendor() + " (" + d.dialect().orElseThrow() + ")").toList());
    }
}
