package dev.hookline.gateway.device;

/**
 * A device id and where in the request it was found (for metrics and logs: a rise in
 * {@link Source#SOURCE_ADDRESS} means phones are configured without {@code $mac}).
 *
 * @param value  12 lower-case hex digits, or {@code ip-<address>} (see {@link IpKeys})
 * @param source where {@code value} came from
 */
public record DeviceId(String value, Source source) {

    /** Where a device id was found, in order of precedence. */
    public enum Source {
        /** A MAC-carrying query parameter ({@code ?mac=...}, {@code ?device=...}). */
        QUERY,
        /** A 12-hex path segment ({@code /001fc11a8b6c/}) or a {@code mac=...} written in the path. */
        PATH,
        /** The User-Agent header. */
        USER_AGENT,
        /** None of the above: the source address ({@code ip-...}). */
        SOURCE_ADDRESS
    }
}
