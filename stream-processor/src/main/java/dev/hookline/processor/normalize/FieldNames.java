package dev.hookline.processor.normalize;

import dev.hookline.vendor.ReadingSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameter names reading one vendor's requests looks at: the vendor's own first, then the
 * fallback's, which back up every vendor's. Worked out once per vendor when the descriptors
 * load rather than per request.
 */
final class FieldNames {

    /** Parameters that may name the event, without repeats. */
    final List<String> eventParameters;
    /** Field to the parameter names (lower case) that may carry it. */
    private final Map<String, List<String>> fields = new HashMap<>();
    /** Every name of every field (lower case): those parameters are not kept as attributes. */
    private final Set<String> all = new HashSet<>();

    /** @param vendor the recognised vendor, or null for a request no vendor was recognised in */
    FieldNames(VendorRules vendor, VendorRules fallback) {
        Set<String> events = new LinkedHashSet<>();
        if (vendor != null) {
            events.addAll(vendor.eventParameters);
        }
        if (fallback != null) {
            events.addAll(fallback.eventParameters);
        }
        this.eventParameters = List.copyOf(events);
        for (String field : ReadingSpec.FIELD_NAMES) {
            List<String> names = new ArrayList<>();
            if (vendor != null) {
                names.addAll(vendor.field(field));
            }
            if (fallback != null) {
                names.addAll(fallback.field(field));
            }
            fields.put(field, List.copyOf(names));
            all.addAll(names);
        }
    }

    /** The first value of {@code field} in {@code t} that is not absent, or null. */
    String first(RequestText t, String field) {
        return t.first(fields.get(field));
    }

    /** True when the (lower-case) parameter name carries a field. */
    boolean isField(String lowerCaseName) {
        return all.contains(lowerCaseName);
    }
}
