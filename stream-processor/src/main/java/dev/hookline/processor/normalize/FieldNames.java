package dev.hookline.processor.normalize;

import dev.hookline.vendor.ReadingSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The parameter names reading one vendor's requests looks at: the vendor's own first, then the
 * fallback's, which back up every vendor's. A fallback name the vendor itself assigns to another
 * field is left out (Aastra's {@code name} is its local party, whatever the fallback says), but
 * for the remote number and display name, which the value's shape tells apart.
 * Worked out once per vendor when the descriptors load rather than per request. Names are folded
 * ({@link ParameterNames#fold}).
 */
final class FieldNames {

    /** Fields whose party depends on the call's direction: they are kept as attributes too. */
    static final Set<String> DIRECTIONAL = Set.of("callingParty", "calledParty");

    /** Parameters that may name the event, without repeats. */
    final List<String> eventParameters;
    /** Field to the parameter names (folded) that may carry it. */
    private final Map<String, List<String>> fields = new HashMap<>();
    /** Every name of every non-directional field: those parameters are not kept as attributes. */
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
        Map<String, String> vendorFieldOf = new HashMap<>();
        if (vendor != null) {
            for (String field : ReadingSpec.FIELD_NAMES) {
                vendor.field(field).forEach(n -> vendorFieldOf.putIfAbsent(n, field));
            }
        }
        for (String field : ReadingSpec.FIELD_NAMES) {
            Set<String> names = new LinkedHashSet<>();
            if (vendor != null) {
                names.addAll(vendor.field(field));
            }
            if (fallback != null) {
                for (String n : fallback.field(field)) {
                    String owner = vendorFieldOf.get(n);
                    if (owner == null || owner.equals(field) || isRemoteNumberOrName(owner, field)) {
                        names.add(n);
                    }
                }
            }
            fields.put(field, List.copyOf(names));
            if (!DIRECTIONAL.contains(field)) {
                all.addAll(names);
            }
        }
    }

    /**
     * The remote number and the remote display name share names whatever a vendor says
     * ({@code callerID} carries either on the same phone model, as the site configured it):
     * the value's shape decides between them, see {@link #first(RequestText, String, String, Predicate)}.
     */
    private static boolean isRemoteNumberOrName(String owner, String field) {
        return (owner.equals("remoteUser") && field.equals("remoteDisplayName"))
                || (owner.equals("remoteDisplayName") && field.equals("remoteUser"));
    }

    /** The first value of {@code field} in {@code t} that is not absent, or null. */
    String first(RequestText t, String field) {
        return t.first(fields.get(field));
    }

    /**
     * The first value of {@code field} that is not absent and, when its parameter also names
     * {@code otherField}, that {@code shape} accepts; or null. So a name listed both as a number
     * and as a display name ({@code callerID}) is read as whichever its value looks like.
     */
    String first(RequestText t, String field, String otherField, Predicate<String> shape) {
        List<String> other = fields.get(otherField);
        for (String n : fields.get(field)) {
            String v = t.value(n);
            if (!Values.isAbsent(v) && (!other.contains(n) || shape.test(v))) {
                return v;
            }
        }
        return null;
    }

    /** True when the (folded) parameter name carries a field. */
    boolean isField(String foldedName) {
        return all.contains(foldedName);
    }
}
