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
 * order, each first as a whole and then, if no candidate matched whole, by the words in it
 * ({@link EventWords}: file extensions, prefixes such as {@code ph_}, {@code evt_}); each key is
 * looked up with the recognised vendor's spellings, then the fallback's, then every other
 * vendor's (when they agree), then as a canonical type name. A state parameter (Aastra's
 * regstate, Polycom's CallState) decides when no candidate does.
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
     * @param candidate           the text the type was read from, or null (a state parameter decided)
     * @param word                the word of {@code candidate} that matched, or null when it matched whole
     */
    record Outcome(EventType type, VendorRules matchedBy, List<String> usedEventParameters,
                   NormalizeResult.Rejected rejected, String candidate, String word) {

        static Outcome rejected(String code, String reason) {
            return new Outcome(null, null, List.of(), new NormalizeResult.Rejected(code, reason), null, null);
        }

        /** Which candidate and whose rule gave the type, in words, for {@code hookline explain}. */
        String how() {
            if (type == null) {
                return null;
            }
            if (candidate == null) {
                return "a state parameter's value decides";
            }
            String what = word == null ? "'" + Values.shown(candidate) + "'"
                    : "the word '" + word + "' in '" + Values.shown(candidate) + "'";
            return what + (matchedBy == null ? " is the canonical type's name" : " is a spelling of " + matchedBy.vendor
                    + (matchedBy.fallback ? " (the fallback)" : matchedBy.scheme ? " (a scheme)" : ""));
        }
    }

    private final Vendors vendors;

    EventRecognizer(Vendors vendors) {
        this.vendors = vendors;
    }

    /** What a spelling key means: a type and whose spelling it is, or that vendors disagree. */
    private record Match(EventType type, VendorRules by, List<VendorRules> disagreeing) {
        static final Match NONE = new Match(null, null, List.of());
    }

    /** @param recognized the vendor (or scheme) whose reading rules come first, or null */
    Outcome read(RequestText t, List<String> lowerSegments, VendorRules recognized) {
        List<String> eventParams = vendors.fieldNames(recognized).eventParameters;
        List<String> candidates = new ArrayList<>();
        List<String> usedEventParams = new ArrayList<>(1);
        List<String> sentEventParams = new ArrayList<>(1);
        for (String n : eventParams) {
            String v = Values.clean(t.value(n));
            if (v != null) {
                candidates.add(v);
                usedEventParams.add(n);
                sentEventParams.add(t.nameAsSent(n));
            }
        }
        List<String> pathWords = new ArrayList<>();
        for (int i = 0; i < t.segments.size(); i++) {
            String segment = t.segments.get(i);
            if (!vendors.isVendorSegment(lowerSegments.get(i)) && !Values.isAbsent(segment)) {
                candidates.add(segment);
                pathWords.add(segment);
            }
        }
        candidates.addAll(t.bodyElements);

        // Every candidate as a whole first: a literal spelling anywhere beats a word inside another.
        boolean ambiguous = false;
        for (String c : candidates) {
            Match m = lookup(EventWords.wholeKey(c), recognized);
            if (m.type != null) {
                return new Outcome(m.type, m.by, usedEventParams, null, c, null);
            }
            if (!m.disagreeing.isEmpty()) {
                ambiguous = true;
                if (recognized == null) {
                    return Outcome.rejected(Normalizer.UNKNOWN_VENDOR, "The event '" + Values.shown(c)
                            + "' means different things for different vendors " + m.disagreeing
                            + " and nothing in the request (path, User-Agent, parameters) names the vendor.");
                }
            }
        }
        for (String c : candidates) {
            for (String key : EventWords.fallbackKeys(c)) {
                Match m = lookup(key, recognized);
                if (m.type != null) {
                    return new Outcome(m.type, m.by, usedEventParams, null, c, key);
                }
            }
        }
        EventType type = fromParameters(t, recognized);
        if (type != null) {
            return new Outcome(type, null, usedEventParams, null, null, null);
        }
        return Outcome.rejected(candidates.isEmpty() ? Normalizer.NO_EVENT : Normalizer.UNKNOWN_EVENT,
                reason(recognized, pathWords, eventParams, sentEventParams, candidates, ambiguous));
    }

    /** The key's meaning: the recognised vendor's, the fallback's, the one other vendors agree on, the canonical name's. */
    private Match lookup(String key, VendorRules recognized) {
        EventType type;
        if (recognized != null && (type = recognized.lookupKey(key)) != null) {
            return new Match(type, recognized, List.of());
        }
        if (vendors.fallback != null && (type = vendors.fallback.lookupKey(key)) != null) {
            return new Match(type, vendors.fallback, List.of());
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
            Map.Entry<EventType, VendorRules> only = others.entrySet().iterator().next();
            return new Match(only.getKey(), only.getValue(), List.of());
        }
        type = CANONICAL.get(key);
        if (type != null) {
            return new Match(type, null, List.of());
        }
        return others.isEmpty() ? Match.NONE : new Match(null, null, List.copyOf(others.values()));
    }

    /**
     * Why no event was read, naming where it was looked for: the path segments (not MACs or
     * addresses), the event parameters looked at and the values sent in them, the state
     * parameters; never other parameters' values.
     */
    private String reason(VendorRules recognized, List<String> pathWords, List<String> eventParams,
                          List<String> sentEventParams, List<String> candidates, boolean ambiguous) {
        List<String> segments = pathWords.stream().filter(c -> !looksLikeData(c)).limit(6).map(Values::shown).toList();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < sentEventParams.size() && i < 3; i++) {
            sent.add(sentEventParams.get(i) + "='" + Values.shown(candidates.get(i)) + "'");
        }
        List<String> states = new ArrayList<>();
        for (VendorRules v : stateOrder(recognized)) {
            v.eventFromParameter.keySet().stream().filter(k -> !states.contains(k)).forEach(states::add);
        }
        String vendorText = recognized == null ? "no recognized vendor" : "vendor " + recognized.vendor;
        StringBuilder b = new StringBuilder(candidates.isEmpty() ? "The request names no event: " : "Unknown event: ")
                .append("no event word found in path segments ").append(segments)
                .append(" or parameters ").append(eventParams);
        if (!sent.isEmpty()) {
            b.append(" (sent: ").append(String.join(", ", sent)).append(')');
        }
        List<String> elements = candidates.subList(Math.min(candidates.size(), sentEventParams.size() + pathWords.size()), candidates.size());
        if (!elements.isEmpty()) {
            b.append(" or body elements ").append(elements.stream().limit(6).map(Values::shown).toList());
        }
        if (!states.isEmpty()) {
            b.append(", and no state parameter ").append(states.stream().limit(8).toList()).append(" decides");
        }
        return b.append(" (").append(vendorText).append(ambiguous ? "; ambiguous between vendors" : "").append(").").toString();
    }

    /** The event a state parameter names: the recognised vendor's, the fallback's, else any vendor's. */
    private EventType fromParameters(RequestText t, VendorRules recognized) {
        for (VendorRules v : stateOrder(recognized)) {
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

    /** Whose state parameters are consulted, in order. */
    private List<VendorRules> stateOrder(VendorRules recognized) {
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
        return order;
    }

    /** A MAC or an address: not shown in a rejection. */
    private static boolean looksLikeData(String s) {
        String hex = s.replaceAll("[:.\\-]", "");
        return hex.matches("[0-9a-fA-F]{12}") || s.matches("[0-9.:]+");
    }
}
