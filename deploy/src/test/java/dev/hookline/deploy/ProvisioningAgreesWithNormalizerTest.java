package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.gateway.provisioning.ActionUrl;
import dev.hookline.gateway.provisioning.Provisioning;
import dev.hookline.processor.normalize.NormalizeResult;
import dev.hookline.processor.normalize.Normalizer;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.EventType;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.RawRef;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.vendor.VendorDescriptor;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A vendor descriptor says both which Action URL each event gets (its provisioning section) and
 * how the processor reads it (its reading section). This checks they agree: every URL
 * `hookline provision` configures, sent as the phone sends it (its variables unsubstituted, which
 * the processor reads as absent, and the User-Agent of the descriptor's simulated phone), is read
 * as the event the provisioning section names, by the vendor it names.
 */
class ProvisioningAgreesWithNormalizerTest {

    private static Normalizer normalizer;

    @BeforeAll
    static void load() {
        SchemaTrust.install();
        normalizer = Normalizer.load(Optional.empty());
    }

    static Stream<Arguments> provisionedUrls() {
        List<Arguments> all = new ArrayList<>();
        Provisioning provisioning = Provisioning.builtIn();
        for (String vendor : provisioning.vendors()) {
            VendorDescriptor descriptor = provisioning.descriptor(vendor);
            String userAgent = descriptor.simulator().userAgentOf(descriptor.simulatedMacPrefix() + "a1b2c3");
            for (ActionUrl url : provisioning.actionUrls(vendor, "http://gateway.example:8080", Optional.empty())) {
                all.add(Arguments.of(vendor, url.event(), url.canonical(), url.url(), userAgent));
            }
        }
        return all.stream();
    }

    /**
     * The variables that decide which of several events one URL reports, with what each of their
     * values means (Aastra's registration event carries $$REGISTRATIONSTATE$$; docs/vendors.md).
     */
    private static final Map<String, Map<String, EventType>> DECIDING_VARIABLES = Map.of(
            "$$REGISTRATIONSTATE$$", Map.of(
                    "REGISTERED", EventType.REGISTERED,
                    "UNREGISTERED", EventType.UNREGISTERED,
                    "EXPIRED", EventType.UNREGISTERED,
                    "REFUSED", EventType.REGISTER_FAILED,
                    "TIMEOUT", EventType.REGISTER_FAILED));

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("provisionedUrls")
    void shouldReadEveryProvisionedUrlAsTheEventItStandsFor(String vendor, String event, List<EventType> canonical,
                                                           String url, String userAgent) {
        if (canonical.size() == 1) {
            assertThat(read(vendor, url, userAgent).getType()).as("event of %s", url).isEqualTo(canonical.get(0));
            return;
        }
        // One URL for several events: a variable the phone fills tells which.
        Map.Entry<String, Map<String, EventType>> deciding = DECIDING_VARIABLES.entrySet().stream()
                .filter(variable -> url.contains(variable.getKey())).findFirst()
                .orElseThrow(() -> new AssertionError(url + " stands for " + canonical
                        + ": add the variable that decides which, with its values, to DECIDING_VARIABLES"));
        assertThat(Set.copyOf(deciding.getValue().values())).as("events of %s", url).isEqualTo(Set.copyOf(canonical));
        deciding.getValue().forEach((value, type) -> assertThat(read(vendor, url.replace(deciding.getKey(), value),
                userAgent).getType()).as("event of %s with %s", url, value).isEqualTo(type));
    }

    /** The event the processor reads from {@code url} sent by a phone of {@code vendor}. */
    private static PhoneEvent read(String vendor, String url, String userAgent) {
        URI target = URI.create(url.replace("$", "%24").replace(" ", "%20"));
        RawPhoneRequest raw = RawPhoneRequest.newBuilder()
                .setRequestId("agreement")
                .setReceivedAt(Instant.parse("2026-12-05T10:00:00Z"))
                .setGatewayId("test")
                .setDeviceId("000000a1b2c3")
                .setSourceAddress("10.1.2.3")
                .setSourcePort(5060)
                .setMethod("GET")
                .setPath(asSent(target.getRawPath()))
                .setQuery(target.getRawQuery() == null ? null : asSent(target.getRawQuery()))
                .setUserAgent(userAgent)
                .setHeaders(Map.of())
                .setSource(EventSource.ACTION_URL)
                .build();

        NormalizeResult result = normalizer.normalize(raw, new RawRef("phone.raw.v1", 0, 0L));

        assertThat(result).as("%s (%s)", url, result).isInstanceOf(NormalizeResult.Normalized.class);
        PhoneEvent read = ((NormalizeResult.Normalized) result).events().get(0);
        assertThat(read.getVendor()).as("vendor of %s", url).isEqualTo(vendor);
        return read;
    }

    /** Phones send '$' and spaces raw; URI only parsed them escaped. */
    private static String asSent(String raw) {
        return raw.replace("%24", "$").replace("%20", " ");
    }
}
