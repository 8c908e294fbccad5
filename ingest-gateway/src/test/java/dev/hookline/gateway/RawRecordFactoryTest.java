package dev.hookline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.gateway.guard.Tokens;
import dev.hookline.gateway.http.PhoneRequest;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.SchemaTrust;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RawRecordFactoryTest {

    @BeforeAll
    static void trustSchemas() {
        SchemaTrust.install();
    }

    private static PhoneRequest request(String target, List<PhoneRequest.Header> headers) {
        return new PhoneRequest("GET", target, "HTTP/1.1", headers, new byte[0], "10.1.2.3", 5060, 1_700_000_000_000L);
    }

    private static RawPhoneRequest build(RawRecordFactory factory, PhoneRequest request) {
        return factory.build(request, Tokens.strip(request.path(), request.query()));
    }

    @Test
    void shouldKeepOnlyAllowedHeadersBoundedAndTheUserAgentApart() {
        RawRecordFactory factory = new RawRecordFactory("gw", Optional.empty(), Optional.empty(), List.of("Host"), 16);
        PhoneRequest request = request("/yealink/off_hook?mac=805ec0a1b2c3", List.of(
                new PhoneRequest.Header("host", "gateway.example:8080"),
                new PhoneRequest.Header("Cookie", "session=secret"),
                new PhoneRequest.Header("Authorization", "Basic c2VjcmV0"),
                new PhoneRequest.Header("User-Agent", "Yealink SIP-T46S 66.86.0.15 80:5e:c0:a1:b2:c3")));

        RawPhoneRequest record = build(factory, request);

        assertThat(record.getHeaders()).containsOnlyKeys("host").containsEntry("host", "gateway.example:");
        assertThat(record.getUserAgent()).as("the User-Agent is bounded like any header value")
                .isEqualTo("Yealink SIP-T46S");
    }

    @Test
    void shouldTakeTheTenantFromThePathWhenConfigured() {
        RawRecordFactory fromPath = new RawRecordFactory("gw", Optional.of("default"), Optional.of("/"), List.of(), 64);
        RawRecordFactory fixed = new RawRecordFactory("gw", Optional.of("default"), Optional.empty(), List.of(), 64);
        PhoneRequest request = request("/acme/yealink/off_hook?mac=805ec0a1b2c3", List.of());

        assertThat(build(fromPath, request).getTenant()).isEqualTo("acme");
        assertThat(build(fromPath, request).getPath()).isEqualTo("/acme/yealink/off_hook");
        assertThat(build(fixed, request).getTenant()).isEqualTo("default");
    }

    @Test
    void shouldStoreTheBodyAndStampTheRequest() {
        RawRecordFactory factory = new RawRecordFactory("gw-7", Optional.empty(), Optional.empty(), List.of(), 64);
        PhoneRequest request = new PhoneRequest("POST", "/polycom", "HTTP/1.1", List.of(),
                "<PolycomIPPhone/>".getBytes(StandardCharsets.UTF_8), "10.1.2.3", 5060, 1_700_000_000_000L);

        RawPhoneRequest first = build(factory, request);
        RawPhoneRequest second = build(factory, request);

        assertThat(StandardCharsets.UTF_8.decode(first.getBody()).toString()).isEqualTo("<PolycomIPPhone/>");
        assertThat(first.getGatewayId()).isEqualTo("gw-7");
        assertThat(first.getDeviceId()).isEqualTo("ip-10.1.2.3");
        assertThat(first.getReceivedAt().toEpochMilli()).isEqualTo(1_700_000_000_000L);
        assertThat(first.getRequestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                .isNotEqualTo(second.getRequestId());
    }
}
