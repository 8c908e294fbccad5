package dev.hookline.schema;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a status poll of a phone found, as the command dispatcher writes it to phone.raw.v1 (a
 * {@link RawPhoneRequest} with source POLL, path {@link #PATH}, this in its query) and the stream
 * processor reads it back: the contract between the two, vendor-neutral, in one place.
 *
 * @param vendor           lowercase vendor name
 * @param model            model, when the phone reported it
 * @param firmware         firmware version, when reported
 * @param ip               the address the phone was polled at
 * @param dnd              do-not-disturb, null when not reported
 * @param forwardAlways    unconditional forward enabled, null when not reported
 * @param forwardBusy      forward on busy enabled, null when not reported
 * @param forwardNoAnswer  forward on no answer enabled, null when not reported
 * @param registeredLines  lines (account {@code user@host}) the phone reports registered
 * @param unregisteredLines lines it reports configured but not registered
 */
public record PollStatus(String vendor, String model, String firmware, String ip, Boolean dnd, Boolean forwardAlways,
                         Boolean forwardBusy, Boolean forwardNoAnswer, List<String> registeredLines,
                         List<String> unregisteredLines) {

    /** The path of a poll record: no phone ever sends it, since phones do not write source POLL. */
    public static final String PATH = "/poll";

    public PollStatus {
        registeredLines = registeredLines == null ? List.of() : List.copyOf(registeredLines);
        unregisteredLines = unregisteredLines == null ? List.of() : List.copyOf(unregisteredLines);
    }

    /** True when the poll says anything about the phone's state. */
    public boolean reportsState() {
        return dnd != null || forwardAlways != null || forwardBusy != null || forwardNoAnswer != null
                || !registeredLines.isEmpty() || !unregisteredLines.isEmpty();
    }

    /** The query string: {@code vendor=..&dnd=on&registered=1001@pbx,1002@pbx...}, each value URL-encoded. */
    public String toQuery() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("vendor", vendor);
        params.put("model", model);
        params.put("firmware", firmware);
        params.put("ip", ip);
        params.put("dnd", onOff(dnd));
        params.put("forward_always", onOff(forwardAlways));
        params.put("forward_busy", onOff(forwardBusy));
        params.put("forward_noanswer", onOff(forwardNoAnswer));
        params.put("registered", registeredLines.isEmpty() ? null : String.join(",", registeredLines));
        params.put("unregistered", unregisteredLines.isEmpty() ? null : String.join(",", unregisteredLines));
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    /** Reads {@link #toQuery()}'s form; unknown parameters are ignored, malformed values absent. */
    public static PollStatus fromQuery(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String piece : query.split("&")) {
                int eq = piece.indexOf('=');
                if (eq > 0) {
                    try {
                        params.putIfAbsent(piece.substring(0, eq), URLDecoder.decode(piece.substring(eq + 1), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException malformed) {
                        // A bad escape leaves this one value absent.
                    }
                }
            }
        }
        return new PollStatus(params.get("vendor"), params.get("model"), params.get("firmware"), params.get("ip"),
                bool(params.get("dnd")), bool(params.get("forward_always")), bool(params.get("forward_busy")),
                bool(params.get("forward_noanswer")), lines(params.get("registered")), lines(params.get("unregistered")));
    }

    private static String onOff(Boolean value) {
        return value == null ? null : value ? "on" : "off";
    }

    private static Boolean bool(String value) {
        if ("on".equalsIgnoreCase(value)) {
            return true;
        }
        return "off".equalsIgnoreCase(value) ? false : null;
    }

    private static List<String> lines(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(line -> !line.isEmpty()).forEach(lines::add);
        return lines;
    }
}
