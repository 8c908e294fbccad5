package dev.hookline.vendor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every vendor Hookline knows: the built-in descriptors on the class path
 * ({@value #BUILT_IN}{@code /<vendor>.json}), then a user's folder of descriptors, where a file
 * of a known vendor replaces it and a new one adds a vendor. Every module (gateway identity,
 * processor reading, provisioning, commands, simulator) reads the same catalogue, so one user
 * folder changes them all.
 */
public final class VendorCatalogue {

    /** Class path folder of the built-in descriptors. */
    public static final String BUILT_IN = "dev/hookline/vendor/builtin";

    private static volatile VendorCatalogue builtIn;

    /** Vendor name to descriptor, in name order with the fallback last. */
    private final Map<String, VendorDescriptor> byName;
    /** Lower-case name or alias to vendor name. */
    private final Map<String, String> names;

    private VendorCatalogue(Map<String, VendorDescriptor> byName, Map<String, String> names) {
        this.byName = byName;
        this.names = names;
    }

    /** The built-in descriptors only (read once). */
    public static VendorCatalogue builtIn() {
        VendorCatalogue c = builtIn;
        if (c == null) {
            c = load(Optional.empty());
            builtIn = c;
        }
        return c;
    }

    /**
     * The built-in descriptors, then those of {@code userFolder} if given.
     *
     * @throws VendorFileException naming the file, the key and the reason when a descriptor is invalid
     */
    public static VendorCatalogue load(Optional<Path> userFolder) {
        if (userFolder.isEmpty() && builtIn != null) {
            return builtIn;
        }
        Map<String, VendorDescriptor> byName = new TreeMap<>();
        for (VendorDescriptor d : DescriptorFiles.onClassPath(VendorCatalogue.class.getClassLoader(), BUILT_IN)) {
            VendorDescriptor previous = byName.putIfAbsent(d.vendor(), d);
            if (previous != null) {
                throw VendorFileException.at(d.file(), "vendor", "'" + d.vendor() + "' is also defined by " + previous.file());
            }
        }
        if (byName.isEmpty()) {
            throw new VendorFileException("no vendor descriptors found under " + BUILT_IN + "/ on the class path");
        }
        userFolder.ifPresent(dir -> DescriptorFiles.inFolder(dir).forEach(d -> byName.put(d.vendor(), d)));
        return of(byName.values());
    }

    /** A catalogue of exactly these descriptors (checked as a whole: one fallback, names and aliases unique). */
    static VendorCatalogue of(java.util.Collection<VendorDescriptor> descriptors) {
        Map<String, VendorDescriptor> ordered = new LinkedHashMap<>();
        Map<String, String> names = new TreeMap<>();
        VendorDescriptor fallback = null;
        for (VendorDescriptor d : descriptors) {
            if (d.fallback()) {
                if (fallback != null) {
                    throw VendorFileException.at(d.file(), "fallback", "only one descriptor may be the fallback; "
                            + fallback.file() + " is too");
                }
                fallback = d;
                continue;
            }
            ordered.put(d.vendor(), d);
        }
        if (fallback != null) {
            ordered.put(fallback.vendor(), fallback);
        }
        for (VendorDescriptor d : ordered.values()) {
            List<String> all = new ArrayList<>(d.aliases());
            all.add(0, d.vendor());
            for (String n : all) {
                String owner = names.putIfAbsent(n.toLowerCase(Locale.ROOT), d.vendor());
                if (owner != null && !owner.equals(d.vendor())) {
                    throw VendorFileException.at(d.file(), n.equals(d.vendor()) ? "vendor" : "aliases",
                            "'" + n + "' already names vendor " + owner + " (" + ordered.get(owner).file() + ")");
                }
            }
        }
        for (VendorDescriptor d : ordered.values()) {
            if (d.phoneVendor() != null && !names.containsKey(d.phoneVendor())) {
                throw VendorFileException.at(d.file(), "phoneVendor", "'" + d.phoneVendor() + "' is not a known vendor");
            }
        }
        return new VendorCatalogue(Collections.unmodifiableMap(ordered), Collections.unmodifiableMap(names));
    }

    /** Every descriptor, in name order with the fallback last. */
    public List<VendorDescriptor> all() {
        return List.copyOf(byName.values());
    }

    /** Every descriptor but the fallback, in name order. */
    public List<VendorDescriptor> specific() {
        return byName.values().stream().filter(d -> !d.fallback()).toList();
    }

    /** The descriptor consulted after the recognised vendor's, if one is marked so. */
    public Optional<VendorDescriptor> fallback() {
        return byName.values().stream().filter(VendorDescriptor::fallback).findFirst();
    }

    /** The vendor that {@code nameOrAlias} names (case ignored). */
    public Optional<VendorDescriptor> find(String nameOrAlias) {
        return nameOrAlias == null ? Optional.empty()
                : Optional.ofNullable(names.get(nameOrAlias.toLowerCase(Locale.ROOT))).map(byName::get);
    }

    /**
     * The vendor that {@code nameOrAlias} names.
     *
     * @throws VendorFileException naming the known vendors when none is
     */
    public VendorDescriptor get(String nameOrAlias) {
        return find(nameOrAlias).orElseThrow(() -> new VendorFileException("unknown vendor '" + nameOrAlias
                + "'; known vendors: " + String.join(", ", byName.keySet())));
    }

    /** The vendor names, in catalogue order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
