package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.deploy.sim.StandInGateway;
import dev.hookline.gateway.provisioning.ActionUrl;
import dev.hookline.gateway.provisioning.Provisioning;
import dev.hookline.testkit.sim.LoopbackAddresses;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hookline simulate} against a stand-in gateway on 127.0.0.1. */
class SimulateCommandTest {

    private static final List<String> VENDORS = List.of("aastra", "hanlong", "sangoma", "snom", "yealink");
    private static final Pattern SESSIONS = Pattern.compile("sessions +(\\d+) expected");

    @TempDir
    Path temp;

    @Test
    void shouldSendTheProvisionedUrlsOfEveryVendorFromEachPhonesAddressAndWriteTheExpectedSessions() throws Exception {
        Path expected = temp.resolve("expected.jsonl");
        try (StandInGateway gateway = new StandInGateway()) {
            CliRun run = CliRun.of("simulate", "--gateway", gateway.url(), "--phones", "5", "--call-rate", "4",
                    "--duration", "PT3S", "--time-scale", "0.01", "--seed", "3", "--token", "s3cret",
                    "--expected", expected.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("simulated 5 phones {aastra=1, hanlong=1, sangoma=1, snom=1, yealink=1}"
                    + " on 127.1.0.1..127.1.0.5 -> " + gateway.url());
            List<StandInGateway.Received> received = gateway.received();
            assertThat(run.out()).contains("requests  " + received.size() + " sent, " + received.size()
                    + " acknowledged, 0 failed");
            Map<String, List<Pattern>> provisioned = provisionedPatterns(gateway.url());
            for (var r : received) {
                int phone = indexOf(r.source());
                String vendor = VENDORS.get(phone % VENDORS.size());
                assertThat(provisioned.get(vendor)).as("%s sent %s", vendor, r.uri())
                        .anySatisfy(p -> assertThat(p.matcher(r.uri()).matches()).isTrue());
            }
            assertThat(received).extracting(r -> indexOf(r.source())).containsOnly(0, 1, 2, 3, 4);

            Matcher sessions = SESSIONS.matcher(run.out());
            assertThat(sessions.find()).as(run.out()).isTrue();
            List<String> lines = Files.readAllLines(expected);
            assertThat(lines).hasSize(Integer.parseInt(sessions.group(1))).isNotEmpty();
            JsonNode first = new ObjectMapper().readTree(lines.get(0));
            assertThat(first.get("deviceId").asText()).matches("[0-9a-f]{12}");
            assertThat(first.get("outcome").asText()).isNotBlank();
            assertThat(first.get("address").asText()).startsWith("127.1.0.");
        }
    }

    @Test
    void shouldRefuseAGatewayOffThisMachine() {
        CliRun run = CliRun.of("simulate", "--gateway", "http://10.0.0.5:8080", "--phones", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--gateway").contains("http://127.0.0.1:PORT");
    }

    @Test
    void shouldNameTheKnownVendorsForAnUnknownOne() {
        CliRun run = CliRun.of("simulate", "--vendors", "yealink,acme", "--phones", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("unknown vendor 'acme'").contains("snom");
    }

    @Test
    void shouldNameTheOptionOfABadSetting() {
        CliRun run = CliRun.of("simulate", "--phones", "1", "--time-scale", "2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("time scale").contains("--time-scale");
    }

    @Test
    void shouldFailWhenNoGatewayAnswers() throws Exception {
        int closed = LocalPorts.findFree("127.0.0.1");

        CliRun run = CliRun.of("simulate", "--gateway", "http://127.0.0.1:" + closed, "--phones", "2",
                "--duration", "PT0.5S", "--time-scale", "0.01");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("0 acknowledged");
        assertThat(run.err()).contains("not acknowledged").contains("http://127.0.0.1:" + closed);
    }

    /** Each vendor's provisioned URLs as patterns: every variable may be any value, all else literal. */
    private static Map<String, List<Pattern>> provisionedPatterns(String base) {
        Map<String, List<Pattern>> out = new HashMap<>();
        Pattern variable = Pattern.compile("\\$\\$[A-Za-z_]+\\$\\$|\\$[A-Za-z][A-Za-z0-9_-]*");
        for (String vendor : VENDORS) {
            for (ActionUrl url : Provisioning.builtIn().actionUrls(vendor, base, Optional.of("s3cret"))) {
                URI uri = URI.create(url.url().replace("$", "%24"));
                String target = (uri.getRawPath() + "?" + uri.getRawQuery()).replace("%24", "$");
                StringBuilder regex = new StringBuilder();
                Matcher m = variable.matcher(target);
                int at = 0;
                while (m.find()) {
                    regex.append(Pattern.quote(target.substring(at, m.start()))).append("[^&]*");
                    at = m.end();
                }
                regex.append(Pattern.quote(target.substring(at)));
                out.computeIfAbsent(vendor, v -> new java.util.ArrayList<>()).add(Pattern.compile(regex.toString()));
            }
        }
        return out;
    }

    private static int indexOf(String address) {
        for (int i = 0; i < 254; i++) {
            if (LoopbackAddresses.forIndex(i).equals(address)) {
                return i;
            }
        }
        throw new AssertionError("not a simulated phone's address: " + address);
    }
}
