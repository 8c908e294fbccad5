package dev.hookline.processor.normalize;

import dev.hookline.schema.EventType;
import dev.hookline.vendor.Spellings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which canonical event a request names. The candidates are the event parameters' values, the
 * path segments that do not name a vendor, and the element names of an XML body, tried in that
 * order; each is looked up with the recognised vendor's spellings, then the fallback's, then
 * every other vendor's (when they agree), then as a canonical type name. A state parameter
 * (Aastra's regstate, Polycom's CallState) decides when no candidate does.
 */
final class EventRecognizer {

    /** Canonical type names as spelling keys: {@code OFF_HOOK} is understood from every vendor. */
    private static final Map<String, EventType> CANONICAL = new HashMap<>();

    static {
        for (EventType t : EventType.values()) {
            if (t != EventType.UNKNOWN) {
                CANONICAL.put(Spellings.key(t.name()), t);
            }
        }
    }

    /**
     * The event read, or why none was.
     *
     * @param matchedBy           the vendor whose spelling matched, or null (fallback's, canonical name, parameter)
     * @param usedEventParameters the (lower-case) event parameters present: they are not kept as attributes
     * @param rejected            non-null when no event could be read
     */
    record Outcome(EventType type, VendorRules matchedBy, List<String> usedEventParameters,
                   NormalizeResult.Rejected rejected) {

        static Outcome rejected(String code, String reason) {
            return new Outcome(null, null, List.of(), new NormalizeResult.Rejected(code, reason));
        }
    }

    private final Vendors vendors;

    EventRecognizer(Vendors vendors) {
        this.vendors = vendors;
    }

    /** @param recognized the vendor the request comes from, or null */
    Outcome read(RequestText t, List<String> lowerSegments, VendorRules recognized) {
        List<String> eventParams = vendors.fieldNames(recognized).eventParameters;
        List<String> candidates = new ArrayList<>();
        List<String> usedEventParams = new ArrayList<>(1);
        for (String n : eventParams) {
            String v = Values.clean(t.value(n));
            if (v != null) {
                candidates.add(v);
                usedEventParams.add(n.toLowerCase(Locale.ROOT));
            }
        }
        for (int i = 0; i < t.segments.size(); i++) {
            String segment = t.segments.get(i);
            if (!vendors.isVendorSegment(lowerSegments.get(i)) && !Values.isAbsent(segment)) {
                candidates.add(segment);
            }
        }
        candidates.addAll(t.bodyElements);

        EventType type = null;
        VendorRules matchedBy = null;
        boolean ambiguous = false;
        for (String c : candidates) {
            String key = Spellings.key(c);
            if (recognized != null && (type = recognized.lookupKey(key)) != null) {
                matchedBy = recognized;
                break;
            }
            if (vendors.fallback != null && (type = vendors.fallback.lookupKey(key)) != null) {
                matchedBy = vendors.fallback;
                break;
            }
            Map<EventType, VendorRules> others = new LinkedHashMap<>();
            for (VendorRules v : vendors.specific) {
                if (v != recognized) {
                    EventType o = v.lookupKey(key);
                    if (o != null) {
                        others.putIfAbsent(o, v);
                    }
                }
            }
            if (others.size() == 1) {
                type = others.keySet().iterator().next();
                matchedBy = others.values().iterator().next();
                break;
            }
            if (others.size() > 1) {
                ambiguous = true;
                if (recognized == null) {
                    return Outcome.rejected(Normalizer.UNKNOWN_VENDOR, "The event '" + Values.shown(c)
                            + "' means different things for different vendors " + others.values()
                            + " and nothing in the request (path, User-Agent, parameters) names the vendor.");
                }
            }
            if ((type = CANONICAL.get(key)) != null) {
                break;
            }
        }
        if (type == null) {
            type = fromParameters(t, recognized);
        }
        if (type != null) {
            return new Outcome(type, matchedBy, usedEventParams, null);
        }
        List<String> shown = candidates.stream().filter(c -> !looksLikeData(c)).limit(3).map(c -> "'" + Values.shown(c) + "'").toList();
        if (shown.isEmpty()) {
            shown = candidates.stream().limit(3).map(c -> "'" + Values.shown(c) + "'").toList();
        }
        String vendorText = recognized == null ? "no recognized vendor" : "vendor " + recognized.vendor;
        if (shown.isEmpty()) {
            return Outcome.rejected(Normalizer.NO_EVENT, "The request names no event: no path segment and no "
                    + String.join("/", eventParams) + " parameter (" + vendorText + ").");
        }
        return Outcome.rejected(Normalizer.UNKNOWN_EVENT, "Unknown event " + String.join(", ", shown)
                + " (" + vendorText + (ambiguous ? "; ambiguous between vendors" : "") + ").");
    }

    /** The event a state parameter names: the recognised vendor's, the fallback's, else any vendor's. */
    private EventType fromParameters(RequestText t, VendorRules recognized) {
        List<VendorRules> order = new ArrayList<>();
        if (recognized != null) {
            order.add(recognized);
        }
        if (vendors.fallback != null) {
            order.add(vendors.fallback);
        }
        if (recognized == null) {
            order.addAll(vendors.specific);
        }
        for (VendorRules v : order) {
            for (Map.Entry<String, Map<String, EventType>> e : v.eventFromParameter.entrySet()) {
                String value = Values.clean(t.value(e.getKey()));
                if (value != null) {
                    EventType type = e.getValue().get(Spellings.key(value));
                    if (type != null) {
                        return type;
                    }
                }
            }
        }
        return null;
    }

    /** A MAC or an address: shown in a rejection only when nothing else was sent. */
    private static boolean looksLikeData(String s) {
        String hex = s.replaceAll("[:.\\-]", "");
        return hex.matches("[0-9a-fA-F]{12}") || s.matches("[0-9.:]+");
    }
}
