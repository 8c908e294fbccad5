package dev.hookline.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.EventType;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.RawRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizerCaptureTest {

    private static final Normalizer NORMALIZER = Normalizer.load(Optional.empty());
    private static final List<RawPhoneRequest> CAPTURE = Captures.publicCapture();

    static PhoneEvent only(NormalizeResult r) {
        assertThat(r).isInstanceOf(NormalizeResult.Normalized.class);
        List<PhoneEvent> events = ((NormalizeResult.Normalized) r).events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void everyLineOfThePublicCaptureNormalizesAndNoPartyIsAnUnsubstitutedVariable() {
        assertThat(CAPTURE).hasSize(151);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < CAPTURE.size(); i++) {
            RawPhoneRequest raw = CAPTURE.get(i);
            NormalizeResult r = NORMALIZER.normalize(raw, new RawRef("phone.raw.v1", 0, (long) i));
            if (!(r instanceof NormalizeResult.Normalized n)) {
                problems.add("line " + (i + 1) + ": " + r);
                continue;
            }
            PhoneEvent e = n.events().get(0);
            assertThat(e.getDeviceId()).isEqualTo(raw.getDeviceId()).matches("[0-9a-f]{12}");
            assertThat(e.getVendor()).isIn("yealink", "snom");
            assertThat(e.getLocalUser()).as("line %d local user", i + 1).isNotNull();
            assertThat(e.getLine()).as("line %d", i + 1).isEqualTo(e.getLocalUser() + "@pbx.example");
            assertThat(e.getEventId()).isEqualTo(raw.getRequestId() + "-0");
            assertThat(e.getOccurredAt()).isEqualTo(raw.getReceivedAt());
            assertThat(e.getRawRef().getOffset()).isEqualTo(i);
            for (String v : new String[] {e.getLocalUser(), e.getLocalHost(), e.getLocalDisplayName(), e.getRemoteUser(),
                    e.getRemoteHost(), e.getRemoteDisplayName(), e.getCallId(), e.getLine()}) {
                if (v != null) {
                    assertThat(v).as("line %d", i + 1).doesNotStartWith("$").isNotBlank();
                }
            }
            assertThat(e.getModel()).as("line %d model", i + 1).isNotNull();
            assertThat(e.getFirmware()).as("line %d firmware", i + 1).isNotNull();
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "capture line {0} -> {1}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
        1   | LOG_ON                   | 0004133eae05 | snom    | 1035 | pbx.example | -    | -           | -         | -
        2   | INCOMING_CALL            | 805ec0feeacb | yealink | 1019 | pbx.example | 4684 | pbx.example | Dan       | -
        3   | OFF_HOOK                 | 805ec0a3bd04 | yealink | 1007 | pbx.example | -    | -           | -         | -
        14  | ESTABLISHED              | 0004139ca818 | snom    | 1031 | pbx.example | 9440 | pbx.example | -         | h0ld884@pbx.example
        33  | MISSED_CALL              | 0004132df9fd | snom    | 1028 | pbx.example | 4294 | pbx.example | Dan       | -
        43  | ESTABLISHED              | 805ec062e6b4 | yealink | 1001 | pbx.example | 2049 | pbx.example | Bob Smith | 7
        49  | DND_ON                   | 805ec0967347 | yealink | 1016 | pbx.example | -    | -           | -         | -
        52  | ESTABLISHED              | 805ec08f2614 | yealink | 1022 | pbx.example | -    | -           | -         | -
        54  | INCOMING_CALL            | 0004139cdb30 | snom    | 1032 | pbx.example | 3905 | pbx.example | -         | wb389@pbx.example
        74  | FORWARD_INCOMING_CALL    | 805ec07cad4a | yealink | 1005 | pbx.example | 5970 | pbx.example | -         | 12
        77  | TERMINATED               | 0004139cdb30 | snom    | 1032 | pbx.example | 3905 | pbx.example | -         | wb389@pbx.example
        93  | REGISTER_FAILED          | 0004137b4013 | snom    | 1536 | pbx.example | -    | -           | -         | -
        94  | BLIND_TRANSFER           | 805ec09c38fb | yealink | 1011 | pbx.example | 2633 | pbx.example | -         | 51
        132 | DND_ON                   | 000413619088 | snom    | 1037 | pbx.example | -    | -           | -         | -
        136 | REGISTER_FAILED          | 805ec0b5aa3c | yealink | 1525 | pbx.example | -    | -           | -         | -
        148 | TERMINATED               | 00041358db40 | snom    | 1026 | pbx.example | 2355 | pbx.example | Bob Smith | a84b4c76e66710@pbx.example
        """)
    void captureLineGivesTheRightTypeDeviceAndParties(int line, EventType type, String deviceId, String vendor,
            String localUser, String localHost, String remoteUser, String remoteHost, String remoteDisplay, String callId) {
        PhoneEvent e = only(NORMALIZER.normalize(CAPTURE.get(line - 1), null));
        assertThat(e.getType()).isEqualTo(type);
        assertThat(e.getDeviceId()).isEqualTo(deviceId);
        assertThat(e.getVendor()).isEqualTo(vendor);
        assertThat(e.getLocalUser()).isEqualTo(localUser);
        assertThat(e.getLocalHost()).isEqualTo(localHost);
        assertThat(e.getLine()).isEqualTo(localUser + "@" + localHost);
        assertThat(e.getRemoteUser()).isEqualTo(remoteUser);
        assertThat(e.getRemoteHost()).isEqualTo(remoteHost);
        assertThat(e.getRemoteDisplayName()).isEqualTo(remoteDisplay);
        assertThat(e.getCallId()).isEqualTo(callId);
    }

    @Test
    void yealinkModelFirmwareAndIpComeFromParametersAndPhoneAmegoStyleFromTheUserAgent() {
        PhoneEvent hookline = only(NORMALIZER.normalize(CAPTURE.get(2), null));
        assertThat(hookline.getModel()).isEqualTo("SIP-T46S");
        assertThat(hookline.getFirmware()).isEqualTo("66.86.0.15");
        assertThat(hookline.getPhoneIp()).isEqualTo("10.1.150.103");
        PhoneEvent amego = only(NORMALIZER.normalize(CAPTURE.get(51), null));
        assertThat(amego.getModel()).isEqualTo("SIP-T46S");
        assertThat(amego.getFirmware()).isEqualTo("66.86.0.15");
        PhoneEvent snom = only(NORMALIZER.normalize(CAPTURE.get(0), null));
        assertThat(snom.getModel()).isEqualTo("snomD785");
        assertThat(snom.getFirmware()).isEqualTo("10.1.54.13");
        assertThat(snom.getAttributes()).containsEntry("nr", "0").doesNotContainKeys("local", "remote", "call-id");
    }
}
