package dev.hookline.gateway;

import dev.hookline.gateway.device.DeviceId;
import dev.hookline.gateway.device.DeviceIdExtractor;
import dev.hookline.gateway.guard.Tokens;
import dev.hookline.gateway.http.PhoneRequest;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.RawPhoneRequest;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Turns an accepted request into the record stored in {@code phone.raw.v1}: as received, but
 * with the shared token cut out and only an allow-list of headers kept, each bounded.
 */
public final class RawRecordFactory {

    private final String gatewayId;
    private final Optional<String> tenant;
    private final Optional<String> tenantPathPrefix;
    private final Set<String> allowedHeaders;
    private final int maxHeaderValue;
    private final DeviceIdExtractor devices;

    /** A factory reading device ids as the built-in vendor descriptors say. */
    public RawRecordFactory(String gatewayId, Optional<String> tenant, Optional<String> tenantPathPrefix,
                            List<String> allowedHeaders, int maxHeaderValue) {
        this(gatewayId, tenant, tenantPathPrefix, allowedHeaders, maxHeaderValue, DeviceIdExtractor.builtIn());
    }

    /**
     * @param tenantPathPrefix when present, the path segment after this prefix is the tenant tag
     * @param devices          reads the device id of a request (its User-Agent rules from the vendor catalogue)
     */
    public RawRecordFactory(String gatewayId, Optional<String> tenant, Optional<String> tenantPathPrefix,
                            List<String> allowedHeaders, int maxHeaderValue, DeviceIdExtractor devices) {
        this.devices = devices;
        this.gatewayId = gatewayId;
        this.tenant = tenant;
        this.tenantPathPrefix = tenantPathPrefix;
        this.allowedHeaders = allowedHeaders.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.maxHeaderValue = maxHeaderValue;
    }

    /** The request's device id, read from what the record keeps (the User-Agent as bounded). */
    public DeviceId deviceId(PhoneRequest request, Tokens.Stripped target) {
        return devices.resolve(target.path(), target.query(), userAgent(request), request.remoteAddress());
    }

    public RawPhoneRequest build(PhoneRequest request, Tokens.Stripped target) {
        return build(request, target, deviceId(request, target));
    }

    /** The record, keyed by {@code device} as {@link #deviceId} found it (found once per request). */
    public RawPhoneRequest build(PhoneRequest request, Tokens.Stripped target, DeviceId device) {
        String userAgent = userAgent(request);
        Map<String, String> headers = new LinkedHashMap<>();
        for (PhoneRequest.Header header : request.headers()) {
            if (allowedHeaders.contains(header.name().toLowerCase(Locale.ROOT))) {
                headers.putIfAbsent(header.name(), bound(header.value()));
            }
        }
        return RawPhoneRequest.newBuilder()
                .setRequestId(randomId())
                .setReceivedAt(Instant.ofEpochMilli(request.receivedAtMillis()))
                .setGatewayId(gatewayId)
                .setTenant(tenantOf(target.path()).or(() -> tenant).orElse(null))
                .setDeviceId(device.value())
                .setSourceAddress(request.remoteAddress())
                .setSourcePort(request.remotePort())
                .setMethod(request.method())
                .setPath(target.path())
                .setQuery(target.query())
                .setUserAgent(userAgent)
                .setHeaders(headers)
                .setBody(request.body().length == 0 ? null : ByteBuffer.wrap(request.body()))
                .setSource(EventSource.ACTION_URL)
                .build();
    }

    private String userAgent(PhoneRequest request) {
        return request.header("User-Agent").map(this::bound).orElse(null);
    }

    private Optional<String> tenantOf(String path) {
        if (tenantPathPrefix.isEmpty() || !path.startsWith(tenantPathPrefix.get())) {
            return Optional.empty();
        }
        String rest = path.substring(tenantPathPrefix.get().length());
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        return segment.isBlank() ? Optional.empty() : Optional.of(bound(segment));
    }

    /**
     * A random (version 4) UUID from a thread-local generator: unique enough to tell
     * duplicates apart, without the lock and cost of {@link UUID#randomUUID()}'s SecureRandom.
     */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    private String bound(String value) {
        return value.length() <= maxHeaderValue ? value : value.substring(0, maxHeaderValue);
    }
}
