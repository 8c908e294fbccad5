package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's tools against a real pipeline (a broker, a gateway and a processor):
 * {@code hookline dlq top} groups what reached the dead-letter topic through them, and
 * {@code hookline explain} finds the phone the processor gives a MAC-less request to.
 */
class OperatorToolsIT {

    @TempDir
    Path temp;

    @Test
    void dlqTopGroupsTheDeadLettersByRequestShape() throws Exception {
        try (OneBrokerPipeline pipeline = OneBrokerPipeline.start(temp, 2, Map.of())) {
            // Three phones' unknown word in one shape, another shape twice, a readable request once.
            for (String mac : new String[] {"0a0b0c000001", "0a0b0c000002", "0a0b0c000003"}) {
                assertThat(pipeline.get("/pbx/zzfrobnicate.cgi?mac=" + mac + "&line=1&who=100" + mac.charAt(11), null))
                        .isEqualTo(200);
            }
            assertThat(pipeline.get("/pbx/qqwibble?mac=0a0b0c000004", "Acme 1.0")).isEqualTo(200);
            assertThat(pipeline.get("/pbx/qqwibble?mac=0a0b0c000005", "Acme 1.0")).isEqualTo(200);
            assertThat(pipeline.get("/yealink/incoming_call?mac=805ec0000001&remote=2002", null)).isEqualTo(200);

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    TopicContents.values(pipeline.bootstrap(), Topics.PHONE_EVENTS_DLQ, "").size() >= 5);
            CliRun run = CliRun.of("dlq", "top", "--bootstrap-server", pipeline.bootstrap());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("phone.events.dlq.v1: 5 dead letters").contains("in 2 groups");
            int frobnicate = run.out().indexOf("GET /pbx/zzfrobnicate.cgi?line=&mac=&who=");
            int wibble = run.out().indexOf("GET /pbx/qqwibble?mac=");
            assertThat(frobnicate).as(run.out()).isPositive();
            assertThat(wibble).as("the smaller group after the larger: %s", run.out()).isGreaterThan(frobnicate);
            assertThat(run.out()).containsPattern("3  UNKNOWN_EVENT +GET /pbx/zzfrobnicate")
                    .containsPattern("2  UNKNOWN_EVENT +GET /pbx/qqwibble")
                    .contains("e.g. /pbx/zzfrobnicate.cgi?mac=0a0b0c000001&line=1&who=1001")
                    .contains("User-Agent: Acme 1.0")
                    .doesNotContain("incoming_call");

            CliRun json = CliRun.of("dlq", "top", "--bootstrap-server", pipeline.bootstrap(), "--json", "--limit", "1");
            assertThat(json.out().lines()).singleElement().asString()
                    .contains("\"count\":3").contains("\"shape\":\"GET /pbx/zzfrobnicate.cgi?line=&mac=&who=\"");
        }
    }

    @Test
    void explainFindsThePhoneLastSeenAtTheAddress() throws Exception {
        try (OneBrokerPipeline pipeline = OneBrokerPipeline.start(temp, 2, Map.of())) {
            // The gateway sees this test's requests from 127.0.0.1: the phone registers with its MAC there.
            assertThat(pipeline.get("/yealink/registered?mac=805ec0c0ffee", null)).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    !TopicContents.values(pipeline.bootstrap(), Topics.DEVICE_ADDRESSES, "").isEmpty());

            CliRun known = CliRun.of("explain", "/yealink/incoming_call?remote=2002", "--from", "127.0.0.1",
                    "--bootstrap-server", pipeline.bootstrap());
            assertThat(known.exitCode()).as(known.err()).isZero();
            assertThat(known.out()).containsPattern("device id +ip-127.0.0.1")
                    .containsPattern("attributed to +805ec0c0ffee +\\(last seen there ");

            CliRun unknown = CliRun.of("explain", "/yealink/incoming_call?remote=2002", "--from", "10.9.9.9",
                    "--bootstrap-server", pipeline.bootstrap());
            assertThat(unknown.out()).containsPattern("attributed to +nobody: no phone was seen with a MAC at 10.9.9.9");
        }
    }
}
