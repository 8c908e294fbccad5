package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {

    @TempDir
    Path temp;

    @Test
    void readsAUrlAsTheServicesWould() {
        CliRun run = CliRun.of("explain",
                "http://gw.example:8080/yealink/incoming_call?mac=805ec0a1b2c3&remote=sip:2002@pbx&local=1001&token=s3cret",
                "--user-agent", "Yealink SIP-T46U 108.87.14.1 80:5e:c0:a1:b2:c3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("device id +805ec0a1b2c3 +\\(a MAC-carrying query parameter\\)")
                .containsPattern("event +INCOMING_CALL +\\(vendor yealink\\)")
                .containsPattern("remoteUser +2002")
                .containsPattern("model +SIP-T46U")
                .contains("(token removed, as the gateway does)")
                .doesNotContain("s3cret");
    }

    @Test
    void saysWhereTheIdComesFromWhenTheRequestHasNoMac() {
        CliRun run = CliRun.of("explain", "/yealink/call_established?remote=2002", "--from", "10.1.2.3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("device id +ip-10.1.2.3 +\\(no MAC in the request: the source address")
                .containsPattern("event +ESTABLISHED");
    }

    @Test
    void readsAMacFromTheUserAgentAndASchemeLessUrl() {
        CliRun run = CliRun.of("explain", "10.0.0.5/mac=c074ad2bd859&remote=2002&event=incoming_call",
                "--user-agent", "Grandstream Model HW GXP1628 SW 1.0.4.138 DevId c074ad2bd859");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("device id +c074ad2bd859 +\\(a MAC in the path\\)")
                .containsPattern("event +INCOMING_CALL +\\(vendor grandstream\\)");
    }

    @Test
    void givesTheDeadLetterReasonAndExitsOne() {
        CliRun run = CliRun.of("explain", "/pbx/zzfrobnicate?mac=0a0b0c000001");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("dead letter +UNKNOWN_EVENT: .*zzfrobnicate");
    }

    @Test
    void readsWithAUsersDescriptors() throws Exception {
        Files.writeString(temp.resolve("acme.json"), """
                {"vendor": "acme", "title": "Acme", "recognize": {"pathSegments": ["acme"]},
                 "evidence": [{"level": "assumed", "about": "all", "source": "this test"}],
                 "reading": {"events": {"INCOMING_CALL": ["zzfrobnicate"]}}}
                """);
        CliRun run = CliRun.of("explain", "/acme/zzfrobnicate?mac=0a0b0c000001", "--vendors-dir", temp.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("event +INCOMING_CALL +\\(vendor acme\\)");
    }
}
