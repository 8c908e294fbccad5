package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.EventType;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a vendor is one file: a descriptor of a brand no part of Hookline knows, in a user
 * folder that the gateway, the processor and {@code hookline provision} are all given. The
 * gateway keys its requests by the MAC it finds where the descriptor says its User-Agent puts
 * it, the processor reads its own event words into a call, and provisioning writes its
 * configuration in its own syntax.
 */
class NewVendorByDescriptorIT {

    /** Nothing here is a built-in vendor's: the word "acme", the UA form, the events, the syntax. */
    private static final String DESCRIPTOR = """
            {
              "vendor": "acme",
              "title": "Acme AP desk phones",
              "evidence": [{"level": "assumed", "about": "everything", "source": "made up for this test"}],
              "recognize": {"userAgentContains": ["acmephone"], "macPrefixes": ["0a1b2c"]},
              "userAgent": {
                "mac": {"at": "after-prefix", "keyword": "hw="},
                "patterns": ["AcmePhone/(?<model>AP\\\\d+)/(?<firmware>\\\\d+(?:\\\\.\\\\d+)+)"],
                "examples": [{"userAgent": "AcmePhone/AP100/7.1.2 hw=0A-1B-2C-00-00-01", "mac": "0a1b2c000001"}]
              },
              "reading": {
                "eventParameters": ["what"],
                "events": {"INCOMING_CALL": ["bellsOn"], "ESTABLISHED": ["talking"], "TERMINATED": ["bellsOff"]},
                "fields": {"remote": ["peer"], "local": ["me"]}
              },
              "provisioning": {
                "syntax": {"comment": "; {text}", "line": "{setting} := {url}", "escape": "none"},
                "settingPattern": "notify.{event}",
                "params": {"peer": "%PEER%", "me": "%ME%"},
                "events": [
                  {"event": "bellson", "label": "Bells on", "canonical": "INCOMING_CALL"},
                  {"event": "talking", "label": "Talking", "canonical": "ESTABLISHED"},
                  {"event": "bellsoff", "label": "Bells off", "canonical": "TERMINATED"}
                ]
              }
            }
            """;
    private static final String USER_AGENT = "AcmePhone/AP100/7.1.2 hw=0A-1B-2C-00-00-01";
    private static final String MAC = "0a1b2c000001";

    @TempDir
    Path temp;

    @Test
    void aVendorKnownOnlyFromAUserDescriptorIsKeyedReadAndProvisioned() throws Exception {
        Path vendors = Files.createDirectories(temp.resolve("vendors"));
        Files.writeString(vendors.resolve("acme.json"), DESCRIPTOR);

        CliRun provision = CliRun.of("provision", "acme", "--vendors-dir", vendors.toString(),
                "--base-url", "http://10.0.0.5:8080");
        assertThat(provision.exitCode()).as(provision.err()).isZero();
        assertThat(provision.out()).contains("notify.bellson := http://10.0.0.5:8080/acme/bellson?")
                .contains("notify.bellsoff := ").contains("; ");

        try (OneBrokerPipeline pipeline = OneBrokerPipeline.start(temp, 2, Map.of("vendors.dir", vendors.toString()))) {
            String bootstrap = pipeline.bootstrap();
            // The phone's own words, in the path style a site configured by hand would use.
            for (String what : List.of("bellsOn", "talking", "bellsOff")) {
                assertThat(pipeline.get("/notify?what=" + what + "&peer=2002&me=1001", USER_AGENT)).isEqualTo(200);
            }

            List<ConsumerRecord<String, RawPhoneRequest>> raw = TopicContents.records(bootstrap, Topics.PHONE_RAW, "");
            assertThat(raw).hasSize(3).allSatisfy(r -> assertThat(r.key()).isEqualTo(MAC));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<CallSession> sessions = TopicContents.values(bootstrap, Topics.CALL_SESSIONS, "");
                assertThat(sessions).hasSize(1);
                assertThat(sessions.get(0).getOutcome()).isEqualTo(CallOutcome.ANSWERED);
                assertThat(sessions.get(0).getDeviceId()).isEqualTo(MAC);
            });
            List<PhoneEvent> events = TopicContents.values(bootstrap, Topics.PHONE_EVENTS, "");
            assertThat(events).extracting(PhoneEvent::getType)
                    .containsExactly(EventType.INCOMING_CALL, EventType.ESTABLISHED, EventType.TERMINATED);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.getVendor()).isEqualTo("acme");
                assertThat(e.getModel()).isEqualTo("AP100");
                assertThat(e.getFirmware()).isEqualTo("7.1.2");
            });
            assertThat(events.get(0).getRemoteUser()).isEqualTo("2002");
            assertThat(TopicContents.values(bootstrap, Topics.PHONE_EVENTS_DLQ, "")).isEmpty();
        }
    }
}
