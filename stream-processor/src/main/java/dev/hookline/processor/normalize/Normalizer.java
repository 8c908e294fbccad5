package dev.hookline.processor.normalize;

import static dev.hookline.processor.normalize.Values.MAX_VALUE;
import static dev.hookline.processor.normalize.Values.cut;

import dev.hookline.schema.EventSource;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.RawRef;
import dev.hookline.vendor.VendorCatalogue;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one raw phone request into canonical {@link PhoneEvent}s, by the vendor descriptors of
 * the {@link VendorCatalogue} (the built-in ones and a user's folder): which vendor sent it
 * ({@link Vendors}), which event it names ({@link EventRecognizer}), who it is about
 * ({@link Parties}), what it says of the call ({@link CallHints}) and of the phone
 * ({@link UserAgentModels}).
 *
 * <p>{@link #normalize} never throws: hostile input gives a {@link NormalizeResult.Rejected}.
 */
public final class Normalizer {

    public static final String UNKNOWN_EVENT = "UNKNOWN_EVENT";
    public static final String NO_EVENT = "NO_EVENT";
    public static final String UNKNOWN_VENDOR = "UNKNOWN_VENDOR";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";

    /** The attribute naming the URL scheme a request was read by ({@code "scheme": true} descriptors). */
    public static final String SCHEME_ATTRIBUTE = "scheme";

    static final int MAX_ATTRIBUTES = 32;
    static final int MAX_ATTRIBUTE_NAME = 64;
    private static final int MAX_USER_AGENT = 512;

    private final Vendors vendors;
    private final EventRecognizer events;
    private final UserAgentModels userAgents;

    private Normalizer(VendorCatalogue catalogue) {
        this.vendors = new Vendors(catalogue);
        this.events = new EventRecognizer(vendors);
        this.userAgents = new UserAgentModels(vendors);
    }

    /**
     * Reads the vendors of the built-in descriptors and then of the user folder, if given (a
     * descriptor of a known vendor replaces it, a new one adds a vendor).
     *
     * @throws dev.hookline.vendor.VendorFileException naming the file, the key and the reason when a descriptor is invalid
     */
    public static Normalizer load(Optional<Path> userVendorDir) {
        return new Normalizer(VendorCatalogue.load(userVendorDir == null ? Optional.empty() : userVendorDir));
    }

    /** Reads the vendors of this catalogue. */
    public static Normalizer of(VendorCatalogue catalogue) {
        return new Normalizer(catalogue);
    }

    /** Vendor names known, with the number of event spellings each descriptor holds. */
    public Map<String, Integer> vendorSpellingCounts() {
        return vendors.spellingCounts();
    }

    /** Normalizes one raw request. Never throws. */
    public NormalizeResult normalize(RawPhoneRequest raw, RawRef rawRef) {
        return normalize(raw, rawRef, null);
    }

    /**
     * How one request is read: the result, and why (which vendor and scheme and what in the
     * request named them, which candidate and whose spelling gave the event).
     */
    public record Explanation(NormalizeResult result, List<String> why) {
    }

    /** As {@link #normalize}, saying why; slower, for {@code hookline explain}. */
    public Explanation explain(RawPhoneRequest raw, RawRef rawRef) {
        List<String> why = new ArrayList<>();
        return new Explanation(normalize(raw, rawRef, why), why);
    }

    private NormalizeResult normalize(RawPhoneRequest raw, RawRef rawRef, List<String> why) {
        try {
            return doNormalize(raw, rawRef, why);
        } catch (RuntimeException | StackOverflowError e) {
            return new NormalizeResult.Rejected(INVALID_REQUEST,
                    "The request could not be read (" + e.getClass().getSimpleName() + ").");
        }
    }

    /** @param why null, or where to say why (explaining only: the hot path pays a null check) */
    private NormalizeResult doNormalize(RawPhoneRequest raw, RawRef rawRef, List<String> why) {
        if (raw == null || raw.getDeviceId() == null || raw.getRequestId() == null || raw.getReceivedAt() == null) {
            return new NormalizeResult.Rejected(INVALID_REQUEST, "The request has no request id, device id or time.");
        }
        if (raw.getSource() == EventSource.POLL) {
            return PollNormalizer.normalize(raw, rawRef);
        }
        RequestText t = RequestText.parse(raw.getPath(), raw.getQuery(), bytes(raw.getBody()), vendors.splitter);
        String ua = raw.getUserAgent() == null ? "" : cut(raw.getUserAgent(), MAX_USER_AGENT);
        String uaLower = ua.toLowerCase(Locale.ROOT);
        List<String> lowerSegments = new ArrayList<>(t.segments.size());
        for (String segment : t.segments) {
            lowerSegments.add(segment.toLowerCase(Locale.ROOT));
        }
        VendorRules recognized = vendors.recognize(t, lowerSegments, uaLower);
        if (recognized == null) {
            recognized = vendors.byMac(raw.getDeviceId());
        }
        VendorRules scheme = vendors.schemes.isEmpty() ? null
                : vendors.recognizeScheme(t, lowerPath(raw.getPath()), lowerSegments, uaLower);
        // A scheme's reading rules come first for requests in it; the phone's vendor is reported.
        EventRecognizer.Outcome event = events.read(t, lowerSegments, scheme != null ? scheme : recognized);
        if (why != null) {
            String lowerPath = lowerPath(raw.getPath());
            why.add("vendor: " + (recognized == null ? "none recognised"
                    : recognized.vendor + ", named by " + Vendors.clues(recognized, t, lowerSegments, uaLower, lowerPath)));
            if (scheme != null) {
                why.add("scheme: " + scheme.vendor + ", named by " + Vendors.clues(scheme, t, lowerSegments, uaLower, lowerPath)
                        + "; its reading rules come first");
            }
            if (event.how() != null) {
                why.add("event: " + event.type() + ", because " + event.how());
            }
        }
        if (event.rejected() != null) {
            return event.rejected();
        }

        // A vendor matched only by its spelling still decides the fields, unless it is the fallback.
        VendorRules vendor = recognized != null ? recognized
                : scheme != null ? vendors.phoneVendorOf(scheme)
                : event.matchedBy() != null && !event.matchedBy().fallback && !event.matchedBy().scheme ? event.matchedBy() : null;
        FieldNames names = vendors.fieldNames(scheme != null ? scheme : vendor);
        RequestFields fields = names.read(t);
        CallHints hints = CallHints.read(fields);
        Parties parties = Parties.read(fields, hints.callDirection(event.type()));
        String model = Values.clean(fields.first("model"));
        String firmware = Values.clean(fields.first("firmware"));
        if ((model == null || firmware == null) && !ua.isEmpty()) {
            UserAgentModels.ModelAndFirmware mf = userAgents.read(ua, uaLower, vendor);
            model = model != null ? model : mf.model();
            firmware = firmware != null ? firmware : mf.firmware();
        }

        String reported = vendor != null ? vendor.vendor : vendors.fallback != null ? vendors.fallback.vendor : null;
        PhoneEvent e = PhoneEvent.newBuilder()
                .setEventId(raw.getRequestId() + "-0")
                .setDeviceId(raw.getDeviceId())
                .setType(event.type())
                .setVendor(reported)
                .setModel(cut(model, MAX_VALUE))
                .setFirmware(cut(firmware, MAX_VALUE))
                .setPhoneIp(cut(Values.clean(fields.first("phoneIp")), MAX_VALUE))
                .setLine(cut(parties.line(), MAX_VALUE))
                .setLocalUser(cut(parties.localUser(), MAX_VALUE))
                .setLocalHost(cut(parties.localHost(), MAX_VALUE))
                .setLocalDisplayName(cut(parties.localDisplayName(), MAX_VALUE))
                .setRemoteUser(cut(parties.remoteUser(), MAX_VALUE))
                .setRemoteHost(cut(parties.remoteHost(), MAX_VALUE))
                .setRemoteDisplayName(cut(parties.remoteDisplayName(), MAX_VALUE))
                .setCallId(cut(Values.clean(fields.first("callId")), MAX_VALUE))
                .setLineState(hints.lineState())
                .setDirection(hints.direction())
                .setTransferTarget(hints.transferTarget())
                .setOccurredAt(raw.getReceivedAt())
                .setSource(raw.getSource() == null ? EventSource.ACTION_URL : raw.getSource())
                .setAttributes(attributes(t, names, event.usedEventParameters(), scheme))
                .setRawRef(rawRef)
                .build();
        return new NormalizeResult.Normalized(List.of(e));
    }

    /**
     * The parameters no field or event was read from, bounded in number and length; first
     * {@value #SCHEME_ATTRIBUTE}, naming the scheme the request was read by, if any.
     */
    private static Map<String, String> attributes(RequestText t, FieldNames names, List<String> usedEventParameters,
                                                  VendorRules scheme) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (scheme != null) {
            attributes.put(SCHEME_ATTRIBUTE, scheme.vendor);
        }
        for (Map.Entry<String, RequestText.Param> e : t.params.entrySet()) {
            if (attributes.size() >= MAX_ATTRIBUTES) {
                break;
            }
            String folded = e.getKey();
            String value = e.getValue().value();
            if (Values.isAbsent(value) || names.isField(folded) || usedEventParameters.contains(folded)) {
                continue;
            }
            attributes.putIfAbsent(cut(e.getValue().name(), MAX_ATTRIBUTE_NAME), cut(value.trim(), MAX_VALUE));
        }
        return attributes;
    }

    private static String lowerPath(String path) {
        if (path == null) {
            return "";
        }
        String p = cut(path, RequestText.MAX_INPUT).toLowerCase(Locale.ROOT);
        return p.startsWith("/") ? p : "/" + p;
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
}
