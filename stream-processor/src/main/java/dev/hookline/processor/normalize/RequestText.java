package dev.hookline.processor.normalize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of one raw request that normalization reads, parsed leniently: parameters from the
 * query, from the path ({@code /mac=$mac&local=...}, {@code /Phone_ActionURL&a=b}) and from a
 * Polycom-style XML body; and the bare path segments (event or vendor names, MACs, addresses).
 * Separators and quotes are read as {@link ParameterSplitter} says; names compare as
 * {@link ParameterNames#fold} says. Never throws.
 */
final class RequestText {

    static final int MAX_INPUT = 16_384;
    static final int MAX_PARAMS = 256;
    private static final Pattern XML_LEAF = Pattern.compile("<([A-Za-z][A-Za-z0-9_.-]{0,63})(\\s[^<>]{0,512})?>([^<>]{0,1024})</\\1>");
    private static final Pattern XML_OPEN = Pattern.compile("<([A-Za-z][A-Za-z0-9_.-]{0,63})((?:\\s[^<>]{0,512})?)/?>");
    private static final Pattern XML_ATTR = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]{0,63})\\s*=\\s*\"([^\"]{0,512})\"");

    /**
     * Parameters in arrival order, by folded name ({@link ParameterNames#fold}), so look-ups ignore
     * case, '-' and '_'; the name as sent (decoded) is the first occurrence's. One map, looked up
     * once per name: descriptors' names are folded when they load, not per request.
     */
    final Map<String, Param> params = new LinkedHashMap<>();
    /** Path segments (and path pieces without '='), decoded and trimmed, non-empty, in order. */
    final List<String> segments = new ArrayList<>();
    /** Element names of an XML body, outermost first (e.g. PolycomIPPhone, IncomingCallEvent). */
    final List<String> bodyElements = new ArrayList<>();

    /** One parameter: its name as sent (decoded) and its value. */
    record Param(String name, String value) {
    }

    static RequestText parse(String path, String query, byte[] body, ParameterSplitter splitter) {
        RequestText t = new RequestText();
        t.parsePath(cut(path), splitter);
        t.parseQuery(cut(query), splitter);
        if (body != null && body.length > 0) {
            t.parseXmlBody(new String(body, 0, Math.min(body.length, MAX_INPUT), StandardCharsets.UTF_8));
        }
        return t;
    }

    private static String cut(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > MAX_INPUT ? s.substring(0, MAX_INPUT) : s;
    }

    private void parsePath(String path, ParameterSplitter splitter) {
        for (String segment : path.split("/", -1)) {
            if (segment.indexOf('&') >= 0 || segment.indexOf('=') >= 0) {
                splitter.split(segment, 0, segment.length(), (name, value) -> {
                    if (value == null) {
                        addSegment(name);
                    } else {
                        addPair(name, value);
                    }
                });
            } else {
                addSegment(segment);
            }
        }
    }

    private void addSegment(String raw) {
        String s = LenientDecoder.decode(raw).trim();
        if (!s.isEmpty() && segments.size() < MAX_PARAMS) {
            segments.add(s);
        }
    }

    private void parseQuery(String query, ParameterSplitter splitter) {
        splitter.split(query, 0, query.length(), (name, value) -> addPair(name, value == null ? "" : value));
    }

    private void addPair(String rawName, String rawValue) {
        put(LenientDecoder.decode(rawName).trim(), LenientDecoder.decode(rawValue));
    }

    private void put(String name, String value) {
        if (name.isEmpty() || params.size() >= MAX_PARAMS) {
            return;
        }
        String folded = ParameterNames.fold(name);
        Param existing = params.get(folded);
        if (existing == null) {
            params.put(folded, new Param(name, value));
        } else if (Values.isAbsent(existing.value()) && !Values.isAbsent(value)) {
            params.put(folded, new Param(existing.name(), value));
        }
    }

    private void parseXmlBody(String xml) {
        Matcher open = XML_OPEN.matcher(xml);
        while (open.find() && bodyElements.size() < MAX_PARAMS) {
            bodyElements.add(open.group(1));
            String attrs = open.group(2);
            if (attrs != null && !attrs.isBlank()) {
                Matcher a = XML_ATTR.matcher(attrs);
                while (a.find()) {
                    put(a.group(1), unescapeXml(a.group(2)));
                }
            }
        }
        Matcher leaf = XML_LEAF.matcher(xml);
        while (leaf.find()) {
            put(leaf.group(1), unescapeXml(leaf.group(3).trim()));
        }
    }

    private static String unescapeXml(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&");
    }

    /** The name as sent of the parameter with this folded name, or null. */
    String nameAsSent(String foldedName) {
        Param p = params.get(foldedName);
        return p == null ? null : p.name();
    }

    /** The value of the parameter with this folded name ({@link ParameterNames#fold}), or null. */
    String value(String foldedName) {
        Param p = params.get(foldedName);
        return p == null ? null : p.value();
    }

    /** Whether a parameter with this folded name was sent. */
    boolean has(String foldedName) {
        return params.containsKey(foldedName);
    }
}
