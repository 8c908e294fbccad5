package dev.hookline.bench.jmh;

import dev.hookline.processor.normalize.NormalizeResult;
import dev.hookline.processor.normalize.Normalizer;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.RawRef;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stream processor's first step, normalizing one raw request into a PhoneEvent, beside the
 * Avro decoding of the same raw record that every consumer of phone.raw.v1 pays anyway (the
 * baseline of the ratio). Eight requests in the styles phones send, taken in turn.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.hookline.schema")
public class NormalizerBenchmark {

    /** Path and query, User-Agent: as the public capture and the provisioning files have them. */
    private static final String[][] REQUESTS = {
        {"/yealink/off_hook", "mac=805ec0a3bd04&ip=10.1.150.103&model=SIP-T46S&firmware=66.86.0.15"
                + "&local=sip:1007@pbx.example&remote=&display_remote=&call_id=", "Yealink SIP-T46S 66.86.0.15 80:5e:c0:a3:bd:04"},
        {"/incomingcall/yealink", "device=805ec0feeacb&local=sip:1019@pbx.example&remote=sip:4684@pbx.example"
                + "&displayremote=Dan", "Yealink SIP-T46S 66.86.0.15 80:5e:c0:fe:ea:cb"},
        {"/yealink/established", "mac=805ec0a3bd04&ip=10.1.150.103&model=SIP-T46S&firmware=66.86.0.15"
                + "&local=sip:1007@pbx.example&remote=sip:2002@pbx.example&display_remote=Alice Example&call_id=17",
                "Yealink SIP-T46S 66.86.0.15 80:5e:c0:a3:bd:04"},
        {"/snom/log_on", "mac=0004133EAE05&local=sip:1035@pbx.example&remote=&display_remote=&call-id=&nr=0",
                "Mozilla/4.0 (compatible; snomD785-SIP 10.1.54.13 0004133EAE05)"},
        {"/snom/incoming", "mac=0004133EAE05&local=sip:1035@pbx.example&remote=sip:+4930123456@pbx.example"
                + "&display_remote=Bob&call-id=3c2a9f@10.1.68.74&nr=1", "Mozilla/4.0 (compatible; snomD785-SIP 10.1.54.13 0004133EAE05)"},
        {"/aastra/incoming", "local=1040&remote=2003", "Aastra6731i MAC:00-08-5D-23-74-29 V:3.3.1.4322-SIP"},
        {"/hanlong/incoming_call", "mac=001fc11a8b6c&ip=192.168.0.157&model=UC862&firmware=2.0.4.4.46&local=1050"
                + "&remote=2004&call_id=5&display_remote=Carol", "Hanlong UC862 2.0.4.4.46 00:1f:c1:1a:8b:6c"},
        {"/sangoma/call_terminated", "mac=005058a1b2c3&ip=192.168.0.158&model=S505&firmware=2.0.4.2&local=1060"
                + "&remote=2005&call_id=9", "Sangoma S505 2.0.4.2 00:50:58:a1:b2:c3"},
    };

    private final RawPhoneRequest[] raw = new RawPhoneRequest[REQUESTS.length];
    private final byte[][] encoded = new byte[REQUESTS.length][];
    private final RawRef ref = new RawRef("phone.raw.v1", 0, 0L);
    private Normalizer normalizer;
    private int next;

    @Setup
    public void setUp() {
        SchemaTrust.install();
        normalizer = Normalizer.load(Optional.empty());
        for (int i = 0; i < REQUESTS.length; i++) {
            raw[i] = RawPhoneRequest.newBuilder()
                    .setRequestId("bench-" + i)
                    .setReceivedAt(Instant.parse("2026-11-23T09:00:00Z"))
                    .setGatewayId("bench")
                    .setDeviceId("805ec0a3bd04")
                    .setSourceAddress("10.1.150.103")
                    .setSourcePort(40000)
                    .setMethod("GET")
                    .setPath(REQUESTS[i][0])
                    .setQuery(REQUESTS[i][1])
                    .setUserAgent(REQUESTS[i][2])
                    .setHeaders(Map.of("Host", "gateway:8080"))
                    .setSource(EventSource.ACTION_URL)
                    .build();
            encoded[i] = Topics.PHONE_RAW.valueSerde().encode("phone.raw.v1", raw[i]);
            if (!(normalizer.normalize(raw[i], ref) instanceof NormalizeResult.Normalized)) {
                throw new IllegalStateException("not a valid request: " + REQUESTS[i][0] + "?" + REQUESTS[i][1]);
            }
        }
    }

    private int nextIndex() {
        next = (next + 1) & (REQUESTS.length - 1);
        return next;
    }

    /** Baseline: decoding the raw record from Avro, which precedes normalizing it. */
    @Benchmark
    public RawPhoneRequest decodeRaw() {
        return Topics.PHONE_RAW.valueSerde().decode("phone.raw.v1", encoded[nextIndex()]);
    }

    @Benchmark
    public NormalizeResult normalize() {
        return normalizer.normalize(raw[nextIndex()], ref);
    }
}
