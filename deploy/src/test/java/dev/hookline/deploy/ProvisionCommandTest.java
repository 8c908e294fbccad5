package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
