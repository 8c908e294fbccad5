package dev.hookline.processor.normalize;

import dev.hookline.vendor.VendorCatalogue;
import dev.hookline.vendor.VendorDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every vendor of the catalogue as the normalizer uses it, and which one a request comes from.
 * The fallback is never recognised: it is consulted after the recognised vendor, for every request.
 */
final class Vendors {

    /** Every vendor but the fallback, in catalogue order. */
    final List<VendorRules> specific;
    /** The fallback, or null when the catalogue has none. */
    final VendorRules fallback;
    /** Path segments that name a vendor (lower case): never an event name. */
    private final Set<String> vendorSegments = new HashSet<>();
    private final Map<VendorRules, FieldNames> fieldNames = new IdentityHashMap<>();
    private final FieldNames noVendorFieldNames;

    Vendors(VendorCatalogue catalogue) {
        List<VendorRules> s = new ArrayList<>();
        VendorRules fb = null;
        for (VendorDescriptor d : catalogue.all()) {
            VendorRules rules = new VendorRules(d);
            if (rules.fallback) {
                fb = rules;
            } else {
                s.add(rules);
            }
            vendorSegments.addAll(rules.pathSegments);
        }
        this.specific = List.copyOf(s);
        this.fallback = fb;
        for (VendorRules v : specific) {
            fieldNames.put(v, new FieldNames(v, fallback));
        }
        this.noVendorFieldNames = new FieldNames(null, fallback);
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
        VendorRules best = null;
        int bestScore = 0;
        for (VendorRules v : specific) {
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
            for (String n : v.parameterNames) {
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

    /** Vendor names with the number of event spellings each descriptor holds, the fallback last. */
    Map<String, Integer> spellingCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        specific.forEach(v -> m.put(v.vendor, v.spellingCount));
        if (fallback != null) {
            m.put(fallback.vendor, fallback.spellingCount);
        }
        return m;
    }
}
