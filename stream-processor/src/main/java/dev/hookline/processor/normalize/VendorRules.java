package dev.hookline.processor.normalize;

import dev.hookline.schema.EventType;
import dev.hookline.vendor.ReadingSpec;
import dev.hookline.vendor.Spellings;
import dev.hookline.vendor.VendorDescriptor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One vendor's descriptor as the normalizer looks it up on every request: spellings as
 * {@link Spellings#key} keys, parameter names in lower case, User-Agent patterns compiled.
 * The descriptor was validated when the catalogue loaded it, so nothing here can fail.
 */
final class VendorRules {

    final String vendor;
    final boolean fallback;
    /** A URL scheme (a PBX's, a CTI tool's, a site's own) rather than a phone brand. */
    final boolean scheme;
    /** For a scheme: the vendor to report when nothing else names one, or null. */
    final String phoneVendor;
    /** Lower case, each starting with '/'. */
    final List<String> pathPrefixes;
    /** Lower case; a set, as every request's segments are looked up in it. */
    final Set<String> pathSegments;
    final List<String> userAgentContains;
    /** As the descriptor lists them (explaining names them so). */
    final List<String> parameterNames;
    /** {@link #parameterNames} folded once here: a request's parameters are looked up by folded name. */
    final List<String> foldedParameterNames;
    /** The vendor's OUIs, 6 lower-case hex digits. */
    final List<String> macPrefixes;
    final List<Pattern> userAgentPatterns;
    final List<String> eventParameters;
    /** Longest first, so {@code action_url.} is tried before {@code action_}. */
    private final List<String> stripPrefixes;
    private final List<String> stripSuffixes;
    /** Spelling key to canonical type. */
    private final Map<String, EventType> events = new HashMap<>();
    /** Folded parameter name to (value key to canonical type). */
    final Map<String, Map<String, EventType>> eventFromParameter = new LinkedHashMap<>();
    /** Field to the folded parameter names carrying it. */
    private final Map<String, List<String>> fields = new HashMap<>();
    final int spellingCount;

    VendorRules(VendorDescriptor d) {
        ReadingSpec r = d.reading();
        this.vendor = d.vendor();
        this.fallback = d.fallback();
        this.scheme = d.scheme();
        this.phoneVendor = d.phoneVendor();
        this.pathPrefixes = d.recognize().pathPrefixes();
        this.pathSegments = new HashSet<>(d.recognize().pathSegments());
        this.userAgentContains = d.recognize().userAgentContains();
        this.parameterNames = d.recognize().parameterNames();
        this.foldedParameterNames = parameterNames.stream().map(ParameterNames::fold).toList();
        this.macPrefixes = d.recognize().macPrefixes();
        this.userAgentPatterns = d.userAgent().compiledPatterns();
        this.eventParameters = r.eventParameters().stream().map(ParameterNames::fold).distinct().toList();
        this.stripPrefixes = keysLongestFirst(r.stripPrefixes());
        this.stripSuffixes = keysLongestFirst(r.stripSuffixes());
        int count = 0;
        for (Map.Entry<EventType, List<String>> e : r.events().entrySet()) {
            for (String spelling : e.getValue()) {
                events.putIfAbsent(Spellings.key(spelling), e.getKey());
                count++;
            }
        }
        for (Map.Entry<String, Map<String, EventType>> p : r.eventFromParameter().entrySet()) {
            Map<String, EventType> byValue = new HashMap<>();
            p.getValue().forEach((value, type) -> byValue.put(Spellings.key(value), type));
            eventFromParameter.put(ParameterNames.fold(p.getKey()), Map.copyOf(byValue));
            count += p.getValue().size();
        }
        // Folded once here: parameter names are matched ignoring case, '-' and '_' on every request.
        r.fields().forEach((field, names) -> fields.put(field,
                names.stream().map(ParameterNames::fold).distinct().toList()));
        this.spellingCount = count;
    }

    /** Every parameter name this vendor's reading rules look at, folded. */
    Set<String> parameterNamesRead() {
        Set<String> all = new HashSet<>(eventParameters);
        all.addAll(eventFromParameter.keySet());
        fields.values().forEach(all::addAll);
        all.addAll(foldedParameterNames);
        return all;
    }

    /** Whether a request with this (lower-case) path is in this scheme's URL space. */
    boolean coversPath(String lowerPath) {
        for (String p : pathPrefixes) {
            if (lowerPath.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The canonical type this vendor spells as the spelling whose key is {@code k}, or null. */
    EventType lookupKey(String k) {
        if (k.isEmpty()) {
            return null;
        }
        EventType t = events.get(k);
        if (t != null) {
            return t;
        }
        for (String p : stripPrefixes) {
            if (k.startsWith(p) && k.length() > p.length()) {
                String rest = k.substring(p.length());
                t = events.get(rest);
                if (t == null) {
                    t = stripSuffix(rest);
                }
                if (t != null) {
                    return t;
                }
            }
        }
        return stripSuffix(k);
    }

    private EventType stripSuffix(String k) {
        for (String s : stripSuffixes) {
            if (k.endsWith(s) && k.length() > s.length()) {
                EventType t = events.get(k.substring(0, k.length() - s.length()));
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The folded parameter names carrying {@code field}, in the vendor's order of preference. */
    List<String> field(String field) {
        return fields.getOrDefault(field, List.of());
    }

    private static List<String> keysLongestFirst(List<String> spellings) {
        return spellings.stream().map(Spellings::key).filter(s -> !s.isEmpty())
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    @Override
    public String toString() {
        return vendor;
    }
}
