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
 * {@code hookline dlq top} against a real pipeline: requests Hookline cannot read reach the
 * dead-letter topic through the gateway and the processor, and the command groups them by
 * request shape with a count and one example each, largest group first.
 */
class DlqTopIT {

    @TempDir
    Path temp;

    @Test
    void groupsTheDeadLettersByRequestShape() throws Exception {
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
}
