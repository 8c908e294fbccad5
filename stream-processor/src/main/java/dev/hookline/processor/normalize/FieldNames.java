package dev.hookline.processor.normalize;

import dev.hookline.vendor.ReadingSpec;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** Field name to its index in {@link ReadingSpec#FIELD_NAMES}. */
    private static final Map<String, Integer> FIELDS = new HashMap<>();

    static {
        for (int i = 0; i < ReadingSpec.FIELD_NAMES.size(); i++) {
            FIELDS.put(ReadingSpec.FIELD_NAMES.get(i), i);
        }
    }

    /** Parameters that may name the event, without repeats. */
    final List<String> eventParameters;
    /** Field to the parameter names (folded) that may carry it. */
    private final Map<String, List<String>> fields = new HashMap<>();
    /** Every name of every non-directional field: those parameters are not kept as attributes. */
    private final Set<String> all = new HashSet<>();
    /**
     * Folded parameter name to the fields it may carry, each with the name's rank among the
     * field's names: reading a request looks each of its few parameters up once, rather than
     * every name of every field (some 90 with the fallback's).
     */
    private final Map<String, List<Slot>> slots = new HashMap<>();

    /** A field ({@link #FIELDS} index) a parameter name carries, and the name's rank among the field's names. */
    private record Slot(int field, int rank) {
    }

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
            int rank = 0;
            for (String n : names) {
                slots.computeIfAbsent(n, k -> new ArrayList<>()).add(new Slot(FIELDS.get(field), rank++));
            }
        }
        slots.replaceAll((n, s) -> List.copyOf(s));
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

    /**
     * Every field's value in {@code t}: for each field, the value of its first name (in order of
     * preference) whose value is not absent, or null.
     */
    RequestFields read(RequestText t) {
        String[] values = new String[FIELDS.size()];
        int[] ranks = new int[values.length];
        Arrays.fill(ranks, Integer.MAX_VALUE);
        for (Map.Entry<String, RequestText.Param> p : t.params.entrySet()) {
            List<Slot> carried = slots.get(p.getKey());
            String value = p.getValue().value();
            if (carried == null || Values.isAbsent(value)) {
                continue;
            }
            for (Slot s : carried) {
                if (s.rank < ranks[s.field]) {
                    ranks[s.field] = s.rank;
                    values[s.field] = value;
                }
            }
        }
        return new RequestFields(this, t, values);
    }

    /** The index of {@code field} in the values {@link #read} gives. */
    static int indexOf(String field) {
        return FIELDS.get(field);
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
