package dev.hookline.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.EventType;
import dev.hookline.schema.PhoneEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's own URL scheme, added with one descriptor file in the user folder and no code: its
 * requests are read by its rules first, whatever phone sends them, and the phone's vendor is
 * reported.
 */
class NormalizerSchemeTest {

    @TempDir
    Path dir;

    private Normalizer normalizer;

    @BeforeEach
    void writeTheSitesScheme() throws IOException {
        Files.writeString(dir.resolve("crm.json"), """
            {"vendor": "crm", "title": "Our CRM's call notification URLs", "scheme": true,
             "evidence": [{"level": "documented", "about": "the URLs", "source": "our CRM's integration page"}],
             "recognize": {"pathPrefixes": ["/crm/notify"]},
             "reading": {"eventParameters": ["ev"],
                         "events": {"INCOMING_CALL": ["ring"], "ESTABLISHED": ["pickup"], "TERMINATED": ["bye"]},
                         "fields": {"remote": ["from"], "accountUser": ["ext"]}}}
            """);
        normalizer = Normalizer.load(Optional.of(dir));
    }

    private PhoneEvent event(String uri, String ua) {
        return NormalizerCaptureTest.only(normalizer.normalize(Captures.get(uri, ua), null));
    }

    @Test
    void aRequestInTheSchemeIsReadByItsRulesAndReportsThePhonesVendor() {
        PhoneEvent e = event("/crm/notify?ev=ring&from=0301234567&ext=1001", "Yealink SIP-T46S 66.86.0.15 80:5e:c0:a3:bd:04");
        assertThat(e.getType()).isEqualTo(EventType.INCOMING_CALL);
        assertThat(e.getRemoteUser()).isEqualTo("0301234567");
        assertThat(e.getLocalUser()).isEqualTo("1001");
        assertThat(e.getVendor()).isEqualTo("yealink");
        assertThat(e.getModel()).isEqualTo("SIP-T46S");
        assertThat(e.getAttributes()).containsEntry(Normalizer.SCHEME_ATTRIBUTE, "crm").doesNotContainKeys("ev", "from", "ext");
    }

    @Test
    void thePathPrefixComparesIgnoringCaseAndUnsubstitutedVariablesAreAbsent() {
        PhoneEvent e = event("/CRM/Notify?ev=pickup&from=$remote&ext=$active_user", null);
        assertThat(e.getType()).isEqualTo(EventType.ESTABLISHED);
        assertThat(e.getRemoteUser()).isNull();
        assertThat(e.getLocalUser()).isNull();
        assertThat(e.getAttributes()).containsEntry("scheme", "crm");
    }

    @Test
    void withoutAPhoneVendorNamedTheVendorIsTheFallbackAsBefore() {
        assertThat(event("/crm/notify?ev=bye", null).getVendor()).isEqualTo("generic");
    }

    @Test
    void theSchemesPhoneVendorIsReportedWhenNothingElseNamesOne() throws IOException {
        Files.writeString(dir.resolve("crm.json"), Files.readString(dir.resolve("crm.json"))
                .replace("\"scheme\": true,", "\"scheme\": true, \"phoneVendor\": \"snom\","));
        Normalizer n = Normalizer.load(Optional.of(dir));
        PhoneEvent e = NormalizerCaptureTest.only(n.normalize(Captures.get("/crm/notify?ev=bye", null), null));
        assertThat(e.getVendor()).isEqualTo("snom");
        PhoneEvent byUa = NormalizerCaptureTest.only(n.normalize(Captures.get("/crm/notify?ev=bye",
                "Yealink SIP-T46S 66.86.0.15 80:5e:c0:a3:bd:04"), null));
        assertThat(byUa.getVendor()).isEqualTo("yealink");
    }

    @Test
    void theSchemesSpellingsDoNotApplyOutsideIt() {
        assertThat(normalizer.normalize(Captures.get("/other/notify?ev=pickup", null), null))
                .isInstanceOf(NormalizeResult.Rejected.class);
        PhoneEvent e = event("/yealink/off_hook?mac=805ec0a1b2c3&from=2002", null);
        assertThat(e.getType()).isEqualTo(EventType.OFF_HOOK);
        assertThat(e.getAttributes()).doesNotContainKey("scheme").containsEntry("from", "2002");
    }

    @Test
    void theFallbackBacksUpTheScheme() {
        PhoneEvent e = event("/crm/notify?ev=hangup&display_remote=Bob", null);
        assertThat(e.getType()).isEqualTo(EventType.TERMINATED);
        assertThat(e.getRemoteDisplayName()).isEqualTo("Bob");
    }
}
