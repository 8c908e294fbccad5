package dev.hookline.processor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.EventType;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.RawRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one raw phone request into canonical {@link PhoneEvent}s using the vendor data files
 * ({@code vendors/<vendor>.json} on the classpath, listed in {@code vendors/index.txt}, plus any
 * {@code *.json} in a user folder, which add vendors or replace one of the same vendor name).
 *
 * <p>{@link #normalize} never throws: hostile input gives a {@link NormalizeResult.Rejected}.
 */
public final class Normalizer {

    public static final String UNKNOWN_EVENT = "UNKNOWN_EVENT";
    public static final String NO_EVENT = "NO_EVENT";
    public static final String UNKNOWN_VENDOR = "UNKNOWN_VENDOR";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";

    static final int MAX_ATTRIBUTES = 32;
    static final int MAX_ATTRIBUTE_VALUE = 256;
    static final int MAX_ATTRIBUTE_NAME = 64;
    private static final int MAX_USER_AGENT = 512;
    static final int USER_AGENT_CACHE_SIZE = 50_000;
    private static final String INDEX = "vendors/index.txt";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, EventType> CANONICAL = new HashMap<>();

    static {
        for (EventType t : EventType.values()) {
            if (t != EventType.UNKNOWN) {
                CANONICAL.put(VendorProfile.key(t.name()), t);
            }
        }
    }

    private final List<VendorProfile> specific;
    private final VendorProfile fallback;
    private final Set<String> vendorSegments;
    /** How to read a request of each vendor (and of none), worked out once here rather than per request. */
    private final Map<VendorProfile, Reading> readings = new IdentityHashMap<>();
    private final Reading noVendorReading;
    /** Vendor and User-Agent to what it says of the phone; shared by the stream threads. */
    private final Cache<String, ModelAndFirmware> userAgents = Caffeine.newBuilder()
            .maximumSize(USER_AGENT_CACHE_SIZE).build();

    private Normalizer(List<VendorProfile> profiles) {
        List<VendorProfile> s = new ArrayList<>();
        VendorProfile fb = null;
        Set<String> segs = new HashSet<>();
        for (VendorProfile p : profiles) {
            if (p.fallback) {
                fb = p;
            } else {
                s.add(p);
            }
            segs.addAll(p.pathSegments);
        }
        this.specific = List.copyOf(s);
        this.fallback = fb;
        this.vendorSegments = Set.copyOf(segs);
        for (VendorProfile p : specific) {
            readings.put(p, new Reading(p, fallback));
        }
        this.noVendorReading = new Reading(null, fallback);
    }

    private Reading readingOf(VendorProfile profile) {
        return profile == null ? noVendorReading : readings.get(profile);
    }

    /**
     * Loads the built-in vendor files and then the user folder's {@code *.json} files (a file whose
     * vendor name is already known replaces that vendor). Throws {@link VendorProfileException}
     * naming the file and the problem when a file is invalid.
     */
    public static Normalizer load(Optional<Path> userProfileDir) {
        Map<String, VendorProfile> byVendor = new LinkedHashMap<>();
        for (VendorProfile p : loadBuiltIn()) {
            if (byVendor.putIfAbsent(p.vendor, p) != null) {
                throw new VendorProfileException("vendor file " + p.source + ": vendor '" + p.vendor
                        + "' is also defined by " + byVendor.get(p.vendor).source);
            }
        }
        if (userProfileDir != null && userProfileDir.isPresent()) {
            Map<String, VendorProfile> user = new TreeMap<>();
            for (VendorProfile p : loadDir(userProfileDir.get())) {
                VendorProfile prev = user.putIfAbsent(p.vendor, p);
                if (prev != null) {
                    throw new VendorProfileException("vendor file " + p.source + ": vendor '" + p.vendor
                            + "' is also defined by " + prev.source);
                }
                byVendor.put(p.vendor, p);
            }
        }
        long fallbacks = byVendor.values().stream().filter(p -> p.fallback).count();
        if (fallbacks > 1) {
            throw new VendorProfileException("vendor files: more than one is marked \"fallback\": true: "
                    + byVendor.values().stream().filter(p -> p.fallback).map(p -> p.source).toList());
        }
        return new Normalizer(new ArrayList<>(byVendor.values()));
    }

    /** Vendor names known, with the number of event spellings each file holds. */
    public Map<String, Integer> vendorSpellingCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (VendorProfile p : specific) {
            m.put(p.vendor, p.spellingCount);
        }
        if (fallback != null) {
            m.put(fallback.vendor, fallback.spellingCount);
        }
        return m;
    }

    private static List<VendorProfile> loadBuiltIn() {
        ClassLoader cl = Normalizer.class.getClassLoader();
        List<String> names = new ArrayList<>();
        try (InputStream in = cl.getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new VendorProfileException("vendor index " + INDEX + " is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                String n = line.strip();
                if (!n.isEmpty() && !n.startsWith("#")) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            throw new VendorProfileException("vendor index " + INDEX + " cannot be read: " + e.getMessage(), e);
        }
        List<VendorProfile> out = new ArrayList<>();
        for (String n : names) {
            String res = "vendors/" + n;
            try (InputStream in = cl.getResourceAsStream(res)) {
                if (in == null) {
                    throw new VendorProfileException("vendor file classpath:" + res + " (listed in " + INDEX + ") is missing");
                }
                out.add(parse(in.readAllBytes(), "classpath:" + res));
            } catch (IOException e) {
                throw new VendorProfileException("vendor file classpath:" + res + ": cannot be read: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<VendorProfile> loadDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new VendorProfileException("vendor folder " + dir + " is not a directory");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new VendorProfileException("vendor folder " + dir + " cannot be listed: " + e.getMessage(), e);
        }
        files.sort(null);
        List<VendorProfile> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(parse(Files.readAllBytes(f), f.toString()));
            } catch (IOException e) {
                throw new VendorProfileException("vendor file " + f + ": cannot be read: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static VendorProfile parse(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new VendorProfileException("vendor file " + source + ": not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return VendorProfile.fromJson(root, source);
    }

    /** Normalizes one raw request. Never throws. */
    public NormalizeResult normalize(RawPhoneRequest raw, RawRef rawRef) {
        try {
            return doNormalize(raw, rawRef);
        } catch (RuntimeException | StackOverflowError e) {
            return new NormalizeResult.Rejected(INVALID_REQUEST,
                    "The request could not be read (" + e.getClass().getSimpleName() + ").");
        }
    }

    private NormalizeResult doNormalize(RawPhoneRequest raw, RawRef rawRef) {
        if (raw == null || raw.getDeviceId() == null || raw.getRequestId() == null || raw.getReceivedAt() == null) {
            return new NormalizeResult.Rejected(INVALID_REQUEST, "The request has no request id, device id or time.");
        }
        if (raw.getSource() == EventSource.POLL) {
            return PollNormalizer.normalize(raw, rawRef);
        }
        RequestText t = RequestText.parse(raw.getPath(), raw.getQuery(), bytes(raw.getBody()));
        String ua = raw.getUserAgent() == null ? "" : raw.getUserAgent();
        if (ua.length() > MAX_USER_AGENT) {
            ua = ua.substring(0, MAX_USER_AGENT);
        }
        String uaLower = ua.toLowerCase(Locale.ROOT);
        List<String> lowerSegments = new ArrayList<>(t.segments.size());
        for (String segment : t.segments) {
            lowerSegments.add(segment.toLowerCase(Locale.ROOT));
        }
        VendorProfile recognized = recognize(t, lowerSegments, uaLower);

        // event name candidates: event/action/type parameters, path segments, XML body elements
        List<String> eventParams = readingOf(recognized).eventParameters;
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
            if (!vendorSegments.contains(lowerSegments.get(i)) && !Values.isAbsent(segment)) {
                candidates.add(segment);
            }
        }
        candidates.addAll(t.bodyElements);

        EventType type = null;
        VendorProfile matchedBy = null;
        boolean ambiguous = false;
        for (String c : candidates) {
            String key = VendorProfile.key(c);
            if (recognized != null && (type = recognized.lookupKey(key)) != null) {
                matchedBy = recognized;
                break;
            }
            if (fallback != null && (type = fallback.lookupKey(key)) != null) {
                matchedBy = fallback;
                break;
            }
            Map<EventType, VendorProfile> others = new LinkedHashMap<>();
            for (VendorProfile p : specific) {
                if (p != recognized) {
                    EventType o = p.lookupKey(key);
                    if (o != null) {
                        others.putIfAbsent(o, p);
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
                    return new NormalizeResult.Rejected(UNKNOWN_VENDOR, "The event '" + Values.shown(c)
                            + "' means different things for different vendors " + others.values().stream().map(p -> p.vendor).toList()
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
        if (type == null) {
            List<String> shown = candidates.stream().filter(c -> !looksLikeData(c)).limit(3).map(c -> "'" + Values.shown(c) + "'").toList();
            if (shown.isEmpty()) {
                shown = candidates.stream().limit(3).map(c -> "'" + Values.shown(c) + "'").toList();
            }
            String vendorText = recognized == null ? "no recognized vendor" : "vendor " + recognized.vendor;
            if (shown.isEmpty()) {
                return new NormalizeResult.Rejected(NO_EVENT, "The request names no event: no path segment and no "
                        + String.join("/", eventParams) + " parameter (" + vendorText + ").");
            }
            return new NormalizeResult.Rejected(UNKNOWN_EVENT, "Unknown event " + String.join(", ", shown)
                    + " (" + vendorText + (ambiguous ? "; ambiguous between vendors" : "") + ").");
        }

        VendorProfile profile = recognized != null ? recognized
                : matchedBy != null && !matchedBy.fallback ? matchedBy : null;
        Reading reading = readingOf(profile);

        SipParty local = SipParty.parse(reading.first(t, "local"));
        SipParty remote = SipParty.parse(reading.first(t, "remote"));
        SipParty account = SipParty.parse(reading.first(t, "account"));
        String accountUser = Values.clean(reading.first(t, "accountUser"));
        String accountHost = Values.clean(reading.first(t, "accountHost"));
        if (account.user() == null && accountUser != null) {
            SipParty a = SipParty.parse(accountUser);
            account = new SipParty(a.user(), a.host() != null ? a.host() : accountHost, null);
        }
        String localUser = firstNonNull(local.user(), userOf(reading.first(t, "localUser")), account.user());
        String localHost = local.user() != null ? local.host()
                : firstNonNull(Values.clean(reading.first(t, "localHost")), account.host());
        String localDisplay = firstNonNull(SipParty.displayName(reading.first(t, "localDisplayName")), local.displayName());
        String remoteUser = firstNonNull(remote.user(), userOf(reading.first(t, "remoteUser")));
        String remoteHost = remote.user() != null ? remote.host() : Values.clean(reading.first(t, "remoteHost"));
        String remoteDisplay = firstNonNull(SipParty.displayName(reading.first(t, "remoteDisplayName")), remote.displayName());
        String line = firstNonNull(new SipParty(localUser, localHost, null).account(), account.account());

        String model = Values.clean(reading.first(t, "model"));
        String firmware = Values.clean(reading.first(t, "firmware"));
        if ((model == null || firmware == null) && !ua.isEmpty()) {
            ModelAndFirmware mf = fromUserAgent(ua, uaLower, profile);
            model = model != null ? model : mf.model();
            firmware = firmware != null ? firmware : mf.firmware();
        }

        String phoneIp = Values.clean(reading.first(t, "phoneIp"));
        String callId = Values.clean(reading.first(t, "callId"));
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : t.params.entrySet()) {
            if (attributes.size() >= MAX_ATTRIBUTES) {
                break;
            }
            String name = e.getKey();
            if (Values.isAbsent(e.getValue())) {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (reading.fieldNames.contains(lower) || usedEventParams.contains(lower)) {
                continue;
            }
            attributes.put(cut(name, MAX_ATTRIBUTE_NAME), cut(e.getValue().trim(), MAX_ATTRIBUTE_VALUE));
        }

        String vendor = profile != null ? profile.vendor : fallback != null ? fallback.vendor : null;
        EventSource source = raw.getSource() == null ? EventSource.ACTION_URL : raw.getSource();
        PhoneEvent event = PhoneEvent.newBuilder()
                .setEventId(raw.getRequestId() + "-0")
                .setDeviceId(raw.getDeviceId())
                .setType(type)
                .setVendor(vendor)
                .setModel(cut(model, MAX_ATTRIBUTE_VALUE))
                .setFirmware(cut(firmware, MAX_ATTRIBUTE_VALUE))
                .setPhoneIp(cut(phoneIp, MAX_ATTRIBUTE_VALUE))
                .setLine(cut(line, MAX_ATTRIBUTE_VALUE))
                .setLocalUser(cut(localUser, MAX_ATTRIBUTE_VALUE))
                .setLocalHost(cut(localHost, MAX_ATTRIBUTE_VALUE))
                .setLocalDisplayName(cut(localDisplay, MAX_ATTRIBUTE_VALUE))
                .setRemoteUser(cut(remoteUser, MAX_ATTRIBUTE_VALUE))
                .setRemoteHost(cut(remoteHost, MAX_ATTRIBUTE_VALUE))
                .setRemoteDisplayName(cut(remoteDisplay, MAX_ATTRIBUTE_VALUE))
                .setCallId(cut(callId, MAX_ATTRIBUTE_VALUE))
                .setOccurredAt(raw.getReceivedAt())
                .setSource(source)
                .setAttributes(attributes)
                .setRawRef(rawRef)
                .build();
        return new NormalizeResult.Normalized(List.of(event));
    }

    private VendorProfile recognize(RequestText t, List<String> lowerSegments, String uaLower) {
        VendorProfile best = null;
        int bestScore = 0;
        for (VendorProfile p : specific) {
            int score = 0;
            for (String s : lowerSegments) {
                if (p.pathSegments.contains(s)) {
                    score += 100;
                    break;
                }
            }
            for (String m : p.userAgentContains) {
                if (uaLower.contains(m)) {
                    score += 50;
                    break;
                }
            }
            for (String n : p.parameterNames) {
                if (t.has(n)) {
                    score += 10;
                }
            }
            if (score > bestScore) {
                best = p;
                bestScore = score;
            }
        }
        return best;
    }

    private EventType fromParameters(RequestText t, VendorProfile recognized) {
        List<VendorProfile> order = new ArrayList<>();
        if (recognized != null) {
            order.add(recognized);
        }
        if (fallback != null) {
            order.add(fallback);
        }
        if (recognized == null) {
            order.addAll(specific);
        }
        for (VendorProfile p : order) {
            for (Map.Entry<String, Map<String, EventType>> e : p.eventFromParameter.entrySet()) {
                String v = Values.clean(t.value(e.getKey()));
                if (v != null) {
                    EventType type = e.getValue().get(VendorProfile.key(v));
                    if (type != null) {
                        return type;
                    }
                }
            }
        }
        return null;
    }

    /** What a User-Agent says of the phone; either part may be null. */
    private record ModelAndFirmware(String model, String firmware) {
    }

    /**
     * The model and firmware a User-Agent names, by the vendor's patterns first. Remembered per
     * vendor and User-Agent: a phone sends the same one with every request, and matching the
     * patterns cost a tenth of normalizing (bench/jmh.sh). At most {@link #USER_AGENT_CACHE_SIZE}
     * are kept (a few MB), the most used ones.
     */
    private ModelAndFirmware fromUserAgent(String ua, String uaLower, VendorProfile profile) {
        return userAgents.get((profile == null ? "" : profile.vendor) + '\n' + ua,
                ignored -> matchUserAgent(ua, uaLower, profile));
    }

    private ModelAndFirmware matchUserAgent(String ua, String uaLower, VendorProfile profile) {
        List<VendorProfile> order = new ArrayList<>();
        if (profile != null) {
            order.add(profile);
        }
        for (VendorProfile p : specific) {
            if (p != profile && p.userAgentContains.stream().anyMatch(uaLower::contains)) {
                order.add(p);
            }
        }
        String model = null;
        String firmware = null;
        for (VendorProfile p : order) {
            for (Pattern pattern : p.userAgentPatterns) {
                Matcher m = pattern.matcher(ua);
                if (m.find()) {
                    model = model != null ? model : group(m, "model");
                    firmware = firmware != null ? firmware : group(m, "firmware");
                    if (model != null && firmware != null) {
                        return new ModelAndFirmware(model, firmware);
                    }
                }
            }
        }
        return new ModelAndFirmware(model, firmware);
    }

    private static String group(Matcher m, String name) {
        try {
            return Values.clean(m.group(name));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String userOf(String v) {
        return SipParty.parse(v).user();
    }

    private static boolean looksLikeData(String s) {
        String hex = s.replaceAll("[:.\\-]", "");
        return hex.matches("[0-9a-fA-F]{12}") || s.matches("[0-9.:]+");
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[Math.min(d.remaining(), RequestText.MAX_INPUT)];
        d.get(out);
        return out;
    }

    /**
     * What reading one vendor's requests looks at (the vendor's names first, then the fallback
     * profile's), worked out once when the vendor files load.
     */
    private static final class Reading {
        /** Parameters that may name the event, without repeats. */
        final List<String> eventParameters;
        /** Field key to the parameter names (lower case) that may carry it. */
        final Map<String, List<String>> fields = new HashMap<>();
        /** Every name of every field (lower case): those parameters are not kept as attributes. */
        final Set<String> fieldNames = new HashSet<>();

        Reading(VendorProfile profile, VendorProfile fallback) {
            Set<String> events = new LinkedHashSet<>();
            if (profile != null) {
                events.addAll(profile.eventParameters);
            }
            if (fallback != null) {
                events.addAll(fallback.eventParameters);
            }
            this.eventParameters = List.copyOf(events);
            for (String key : VendorProfile.FIELD_KEYS) {
                List<String> names = new ArrayList<>();
                if (profile != null) {
                    names.addAll(profile.field(key));
                }
                if (fallback != null) {
                    names.addAll(fallback.field(key));
                }
                fields.put(key, List.copyOf(names));
                fieldNames.addAll(names);
            }
        }

        /** The first non-empty value of a field in {@code t}: the vendor's names first, then the fallback's. */
        String first(RequestText t, String fieldKey) {
            return t.first(fields.get(fieldKey));
        }
    }

}
