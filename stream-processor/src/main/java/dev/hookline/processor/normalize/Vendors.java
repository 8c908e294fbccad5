package dev.hookline.processor.normalize;

import dev.hookline.vendor.VendorCatalogue;
import dev.hookline.vendor.VendorDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every vendor of the catalogue as the normalizer uses it, and which one a request comes from.
 * The fallback is never recognised: it is consulted after the recognised vendor, for every request.
 * Schemes (URL schemes of a PBX, a CTI tool or a site) are recognised apart from phone brands: a
 * request can be in a scheme and come from a brand's phone.
 */
final class Vendors {

    /** Every phone vendor but the fallback, in catalogue order. */
    final List<VendorRules> specific;
    /** Every scheme, in catalogue order. */
    final List<VendorRules> schemes;
    /** The fallback, or null when the catalogue has none. */
    final VendorRules fallback;
    /** Path segments that name a vendor (lower case): never an event name. */
    private final Set<String> vendorSegments = new HashSet<>();
    private final Map<VendorRules, FieldNames> fieldNames = new IdentityHashMap<>();
    private final FieldNames noVendorFieldNames;
    private final Map<String, VendorRules> byName = new LinkedHashMap<>();
    /** OUI to the one phone vendor that lists it (an OUI two vendors list names neither). */
    private final Map<String, VendorRules> byOui = new HashMap<>();
    /** Cuts parameters knowing every parameter name of every descriptor. */
    final ParameterSplitter splitter;

    Vendors(VendorCatalogue catalogue) {
        List<VendorRules> s = new ArrayList<>();
        List<VendorRules> sc = new ArrayList<>();
        Set<String> known = new HashSet<>();
        VendorRules fb = null;
        for (VendorDescriptor d : catalogue.all()) {
            VendorRules rules = new VendorRules(d);
            if (rules.fallback) {
                fb = rules;
            } else if (rules.scheme) {
                sc.add(rules);
            } else {
                s.add(rules);
            }
            byName.put(rules.vendor, rules);
            vendorSegments.addAll(rules.pathSegments);
            known.addAll(rules.parameterNamesRead());
            if (d.provisioning() != null) {
                // The parameters a provisioned URL carries, e.g. mac=$mac, are known names too.
                d.provisioning().events().forEach(e -> d.provisioning().paramsOf(e).keySet()
                        .forEach(n -> known.add(ParameterNames.fold(n))));
            }
        }
        this.specific = List.copyOf(s);
        Set<String> shared = new HashSet<>();
        for (VendorRules v : specific) {
            for (String oui : v.macPrefixes) {
                if (byOui.putIfAbsent(oui, v) != null && byOui.get(oui) != v) {
                    shared.add(oui);
                }
            }
        }
        shared.forEach(byOui::remove);
        this.schemes = List.copyOf(sc);
        this.fallback = fb;
        for (VendorRules v : specific) {
            fieldNames.put(v, new FieldNames(v, fallback));
        }
        for (VendorRules v : schemes) {
            fieldNames.put(v, new FieldNames(v, fallback));
        }
        this.noVendorFieldNames = new FieldNames(null, fallback);
        this.splitter = new ParameterSplitter(Set.copyOf(known));
    }

    /** The phone vendor a scheme names for its requests, or null. */
    VendorRules phoneVendorOf(VendorRules scheme) {
        return scheme == null || scheme.phoneVendor == null ? null : byName.get(scheme.phoneVendor);
    }

    /**
     * The scheme a request is in, or null: a path prefix of it weighs most, then what else it
     * recognises requests by, weighed as for phone vendors.
     */
    VendorRules recognizeScheme(RequestText t, String lowerPath, List<String> lowerSegments, String uaLower) {
        for (VendorRules v : schemes) {
            if (v.coversPath(lowerPath)) {
                return v;
            }
        }
        return best(schemes, t, lowerSegments, uaLower);
    }

    /** The parameter names to read a request of {@code vendor} (null: no vendor) by. */
    FieldNames fieldNames(VendorRules vendor) {
        return vendor == null ? noVendorFieldNames : fieldNames.get(vendor);
    }

    boolean isVendorSegment(String lowerCaseSegment) {
        return vendorSegments.contains(lowerCaseSegment);
    }

    /**
     * The vendor a request comes from, or null. A path segment naming the vendor weighs most,
     * then a User-Agent marker, then each of the vendor's recognition parameters present; on a
     * tie the first vendor in catalogue order wins.
     */
    VendorRules recognize(RequestText t, List<String> lowerSegments, String uaLower) {
        return best(specific, t, lowerSegments, uaLower);
    }

    /**
     * The vendor whose OUI starts the device id, or null: the weakest clue, used only when
     * nothing in the request names a vendor (a MAC's first half is assigned to its maker, but
     * OEM phones carry their maker's, not their brand's).
     */
    VendorRules byMac(String deviceId) {
        if (deviceId == null || deviceId.length() != 12 || deviceId.startsWith("ip-")) {
            return null;
        }
        return byOui.get(deviceId.substring(0, 6));
    }

    private static VendorRules best(List<VendorRules> candidates, RequestText t, List<String> lowerSegments, String uaLower) {
        VendorRules best = null;
        int bestScore = 0;
        for (VendorRules v : candidates) {
            int score = 0;
            for (String s : lowerSegments) {
                if (v.pathSegments.contains(s)) {
                    score += 100;
                    break;
                }
            }
            for (String m : v.userAgentContains) {
                if (uaLower.contains(m)) {
                    score += 50;
                    break;
                }
            }
            for (String n : v.foldedParameterNames) {
                if (t.has(n)) {
                    score += 10;
                }
            }
            if (score > bestScore) {
                best = v;
                bestScore = score;
            }
        }
        return best;
    }

    /** What in the request names {@code v}, for {@code hookline explain}. */
    static String clues(VendorRules v, RequestText t, List<String> lowerSegments, String uaLower, String lowerPath) {
        List<String> clues = new ArrayList<>();
        if (v.coversPath(lowerPath)) {
            clues.add("its path prefix");
        }
        lowerSegments.stream().filter(v.pathSegments::contains).findFirst()
                .ifPresent(s -> clues.add("the path segment '" + s + "'"));
        v.userAgentContains.stream().filter(uaLower::contains).findFirst()
                .ifPresent(m -> clues.add("the User-Agent contains '" + m + "'"));
        v.parameterNames.stream().filter(n -> t.has(ParameterNames.fold(n))).forEach(n -> clues.add("the parameter " + n));
        return clues.isEmpty() ? "the device's MAC, which starts with one of its OUIs" : String.join(", ", clues);
    }

    /** Vendor names with the number of event spellings each descriptor holds, the fallback last. */
    Map<String, Integer> spellingCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        specific.forEach(v -> m.put(v.vendor, v.spellingCount));
        schemes.forEach(v -> m.put(v.vendor, v.spellingCount));
        if (fallback != null) {
            m.put(fallback.vendor, fallback.spellingCount);
        }
        return m;
    }
}
