package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionCommandTest {

    @Test
    void shouldPrintEveryYealinkActionUrlPointingAtTheGateway() {
        CliRun run = CliRun.of("provision", "yealink", "--base-url", "http://10.0.0.5:8080", "--token", "t0k");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().filter(line -> line.startsWith("action_url."))).hasSize(44)
                .allMatch(line -> line.contains(" = http://10.0.0.5:8080/yealink/") && line.endsWith("&token=t0k"));
        assertThat(run.out()).contains("action_url.off_hook = http://10.0.0.5:8080/yealink/off_hook?mac=$mac");
    }

    @Test
    void shouldFailNamingTheEventWhenAnAastraUrlIsTooLong() {
        CliRun run = CliRun.of("provision", "aastra", "--base-url", "http://gateway.a-rather-long-host-name.example.com:8080/x");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("aastra event").contains("128").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldListTheVendorsForAnUnknownOne() {
        CliRun run = CliRun.of("provision", "nokia", "--base-url", "http://10.0.0.5:8080");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("unknown vendor 'nokia'").contains("yealink").contains("snom");
    }

    @Test
    void shouldProvisionAnAliasAsItsVendor() {
        CliRun mitel = CliRun.of("provision", "mitel", "--base-url", "http://10.0.0.5:8080");
        CliRun aastra = CliRun.of("provision", "aastra", "--base-url", "http://10.0.0.5:8080");

        assertThat(mitel.exitCode()).as(mitel.err()).isZero();
        assertThat(mitel.out()).isEqualTo(aastra.out()).contains("action uri incoming: http://10.0.0.5:8080/aastra/incoming?");
    }

    @Test
    void shouldProvisionAVendorOfAUserFolder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.json"), """
                {"vendor": "acme", "title": "Acme desk phones",
                 "evidence": [{"level": "assumed", "about": "everything", "source": "a test"}],
                 "recognize": {"pathSegments": ["acme"]},
                 "provisioning": {
                   "syntax": {"comment": "; {text}", "line": "{setting}={url}", "escape": "none"},
                   "settingPattern": "url.{event}", "params": {"mac": "%MAC%"},
                   "events": [{"event": "ring", "label": "Ringing", "canonical": "INCOMING_CALL"}]}}
                """);

        CliRun run = CliRun.of("provision", "acme", "--base-url", "http://10.0.0.5:8080", "--vendors-dir", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("url.ring=http://10.0.0.5:8080/acme/ring?mac=%MAC%\n");
        assertThat(CliRun.of("provision", "acme", "--base-url", "http://10.0.0.5:8080").err())
                .contains("unknown vendor 'acme'");
    }

    @Test
    void shouldNameTheFileAndKeyOfAnInvalidUserDescriptor(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.json"), """
                {"vendor": "acme", "title": "Acme", "evidence": [{"level": "assumed", "about": "all", "source": "a test"}],
                 "recognize": {"pathSegments": ["acme"]},
                 "provisioning": {"syntax": {"comment": "; {text}", "line": "{setting}={url}", "escape": "none"},
                   "settingPattern": "url.{event}", "params": {"mac": "%MAC%"},
                   "events": [{"event": "ring", "label": "Ringing", "canonical": "RINGING"}]}}
                """);

        CliRun run = CliRun.of("provision", "yealink", "--base-url", "http://10.0.0.5:8080", "--vendors-dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("acme.json").contains("provisioning.events[0]").contains("RINGING")
                .doesNotContain("\tat ");
    }
}
