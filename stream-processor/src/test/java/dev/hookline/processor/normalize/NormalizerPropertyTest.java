package dev.hookline.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.EventSource;
import dev.hookline.schema.RawPhoneRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NormalizerPropertyTest {

    private static final Normalizer NORMALIZER = Normalizer.load(Optional.empty());

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("/", "?", "&", "&&", "=", "%", "%2", "%zz", "%20", "%C3%BC", "%FF", "+", "$", "$remote",
                        "$$REMOTENUMBER$$", "sip:", "sips:", "<", ">", "\"", ";", "@", ":", " ", "yealink", "snom", "off_hook",
                        "P3705", "event=", "local=", "remote=", "display_remote=", "mac=", "call_id=", "<PolycomIPPhone>",
                        "<IncomingCallEvent>", "</IncomingCallEvent>", "CallState=\"", "\u0000", "\uD800", "ü", "\n",
                        "ph_ringing.asp", "callAnswered", "on-hook", "regstate=", "callerID=", "Remote-Number=", "calledNumber=",
                        "${mac}", "$(remote)", "%24", "{remote}", "%remote%", " = ", ";name=", ":remote=", "\"Busy; Here\"",
                        "805ec0a1b2c3", "00:11:22:33:44:55"),
                Arbitraries.strings().ofMaxLength(20));
        return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> deviceIds() {
        return Arbitraries.of("ip-1.2.3.4", "805ec0a1b2c3", "001fc11c22a9", "ip-2001-db8--1");
    }

    @Property(tries = 2000)
    void neverThrowsAndAlwaysReturnsOneOfTheTwo(@ForAll("hostile") String path, @ForAll("hostile") String query,
            @ForAll("hostile") String ua, @ForAll("hostile") String body, @ForAll("deviceIds") String deviceId) {
        RawPhoneRequest raw = RawPhoneRequest.newBuilder()
                .setRequestId("r").setReceivedAt(Instant.EPOCH).setGatewayId("g").setDeviceId(deviceId)
                .setSourceAddress("1.2.3.4").setSourcePort(1).setMethod("GET")
                .setPath(path).setQuery(query.isEmpty() ? null : query).setUserAgent(ua)
                .setHeaders(Map.of()).setBody(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)))
                .setSource(EventSource.ACTION_URL).build();
        NormalizeResult r = NORMALIZER.normalize(raw, null);
        assertThat(r).isNotNull();
        if (r instanceof NormalizeResult.Normalized n) {
            assertThat(n.events()).isNotEmpty();
            n.events().forEach(e -> {
                // The device id is the gateway's: reading the request never reports another.
                assertThat(e.getDeviceId()).isEqualTo(raw.getDeviceId());
                assertThat(e.getAttributes()).hasSizeLessThanOrEqualTo(32);
                for (String v : new String[] {e.getLocalUser(), e.getRemoteUser(), e.getLocalDisplayName(), e.getRemoteDisplayName()}) {
                    if (v != null) {
                        assertThat(v).doesNotStartWith("$");
                    }
                }
            });
        } else {
            NormalizeResult.Rejected rej = (NormalizeResult.Rejected) r;
            assertThat(rej.errorCode()).isNotBlank();
            assertThat(rej.reason()).isNotBlank();
        }
    }

    @Property(tries = 200)
    void nullPartsDoNotThrow(@ForAll("hostile") String path) {
        RawPhoneRequest raw = new RawPhoneRequest();
        raw.put(8, path);
        assertThat(NORMALIZER.normalize(raw, null)).isInstanceOf(NormalizeResult.Rejected.class);
        assertThat(NORMALIZER.normalize(null, null)).isInstanceOf(NormalizeResult.Rejected.class);
    }
}
