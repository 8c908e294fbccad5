package dev.hookline.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.vendor.ProvisioningSpec;
import dev.hookline.vendor.SimulatorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProvisioningTest {
    private static final Provisioning PROVISIONING = Provisioning.builtIn();
    private static final String BASE = "http://gw.example:8080";
    private static final String TOKEN = "s3cr3t-T0k.en_~";

    /** The action_url.* parameters of the Yealink administrator guide, in its order. */
    private static final List<String> YEALINK_SEED_KEYS = List.of(
            "action_url.setup_completed", "action_url.registered", "action_url.unregistered",
            "action_url.register_failed", "action_url.off_hook", "action_url.on_hook",
            "action_url.incoming_call", "action_url.outgoing_call", "action_url.call_established",
            "action_url.dnd_on", "action_url.dnd_off", "action_url.always_fwd_on", "action_url.always_fwd_off",
            "action_url.busy_fwd_on", "action_url.busy_fwd_off", "action_url.no_answer_fwd_on",
            "action_url.no_answer_fwd_off", "action_url.transfer_call", "action_url.blind_transfer_call",
            "action_url.attended_transfer_call", "action_url.hold", "action_url.unhold", "action_url.held",
            "action_url.unheld", "action_url.mute", "action_url.unmute", "action_url.missed_call",
            "action_url.call_terminated", "action_url.busy_to_idle", "action_url.idle_to_busy",
            "action_url.ip_change", "action_url.forward_incoming_call", "action_url.reject_incoming_call",
            "action_url.answer_new_incoming_call", "action_url.transfer_finished", "action_url.transfer_failed",
            "action_url.setup_autop_finish", "action_url.call_waiting_on", "action_url.call_waiting_off",
            "action_url.headset", "action_url.handfree", "action_url.cancel_callout", "action_url.remote_busy",
            "action_url.call_remote_canceled");

    /** The Snom Action URL settings that map to a canonical event. */
    private static final List<String> SNOM_SETTINGS = List.of(
            "action_setup_url", "action_log_on_url", "action_log_off_url", "action_reg_failed",
            "action_offhook_url", "action_onhook_url", "action_incoming_url", "action_outgoing_url",
            "action_connected_url", "action_disconnected_url", "action_missed_url", "action_hold",
            "action_unhold", "action_transfer", "action_blind_transfer", "action_attended_transfer",
            "action_dnd_on_url", "action_dnd_off_url", "action_redirection_on_url", "action_redirection_off_url");

    /** How each vendor's MAC reaches the gateway; Aastra has no such variable. */
    private static final Map<String, String> MAC_PARAM = Map.of(
            "yealink", "mac=$mac", "snom", "mac=$mac", "sangoma", "mac=$mac", "hanlong", "mac=$mac");

    private static final Pattern SETTING_LINE = Pattern.compile("(?m)^(?!#|<!--)(.*?)(https?://\\S+?)(</[^>]+>)?$");

    /** The URLs of the setting lines (comments skipped), XML escaping undone. */
    private static List<String> urls(String text) {
        List<String> urls = new ArrayList<>();
        Matcher m = SETTING_LINE.matcher(text);
        while (m.find()) {
            urls.add(m.group(2).replace("&amp;", "&"));
        }
        return urls;
    }

    private static List<String> matches(String regex, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void shouldListTheFiveVendorsSorted() {
        assertThat(PROVISIONING.vendors()).containsExactly("aastra", "hanlong", "sangoma", "snom", "yealink");
    }

    @Test
    void shouldRenderEveryYealinkSeedKeyExactlyOnce() {
        String text = PROVISIONING.render("yealink", BASE, Optional.empty());

        assertThat(matches("^(action_url\\.\\S+) = ", text)).containsExactlyElementsOf(YEALINK_SEED_KEYS);
        assertThat(text).contains("action_url.off_hook = " + BASE + "/yealink/off_hook?mac=$mac&ip=$ip&model=$model"
                + "&firmware=$firmware&local=$local&remote=$remote&call_id=$call_id");
        assertThat(text.lines().filter(l -> !l.startsWith("#"))).hasSize(44);
    }

    @Test
    void shouldRenderSangomaP3701ToP3734EachWithItsEvent() {
        String text = PROVISIONING.render("sangoma", BASE, Optional.empty());

        List<String> codes = matches("^<(P\\d+)>", text);
        assertThat(codes).containsExactlyElementsOf(
                IntStream.rangeClosed(3701, 3734).mapToObj(n -> "P" + n).toList());
        // Spot checks against the vendor's P-code table: the label comment, then the element with that event's URL.
        assertThat(text).contains("<!-- Off Hook -->\n<P3705>" + BASE + "/sangoma/off_hook?mac=$mac&amp;");
        assertThat(text).contains("<!-- Answer New-InCall -->\n<P3731>" + BASE + "/sangoma/answer_new_in_call?");
        assertThat(text).contains("<!-- IP Changed -->\n<P3734>" + BASE + "/sangoma/ip_changed?");
    }

    @Test
    void shouldRenderSnomSettingsInXmlWithEscapedAmpersands() {
        String text = PROVISIONING.render("snom", BASE, Optional.empty());

        assertThat(matches("^<(action_\\w+) perm=\"\">", text)).containsExactlyElementsOf(SNOM_SETTINGS);
        assertThat(text).contains("<action_incoming_url perm=\"\">" + BASE + "/snom/incoming?mac=$mac&amp;ip=$phone_ip"
                + "&amp;local=$local&amp;remote=$remote&amp;call-id=$call-id&amp;");
        assertThat(text).doesNotContainPattern("&(?!amp;)");
    }

    @Test
    void shouldRenderAastraActionUriLines() {
        String text = PROVISIONING.render("aastra", BASE, Optional.empty());

        assertThat(matches("^(action uri [a-z ]+): ", text)).containsExactly(
                "action uri startup", "action uri registered", "action uri registration event",
                "action uri incoming", "action uri outgoing", "action uri offhook", "action uri onhook",
                "action uri connected", "action uri disconnected");
        assertThat(text).contains("action uri incoming: " + BASE
                + "/aastra/incoming?local=$$SIPUSERNAME$$&remote=$$REMOTENUMBER$$\n");
        assertThat(text).contains("/aastra/disconnected?local=$$SIPUSERNAME$$&state=$$LINESTATE$$\n");
    }

    @Test
    void shouldPointEveryUrlOfEveryVendorAtItsVendorAndEventPath() {
        for (String vendor : PROVISIONING.vendors()) {
            ProvisioningSpec spec = PROVISIONING.descriptor(vendor).provisioning();
            List<String> events = spec.events().stream().map(ProvisioningSpec.Event::event).toList();

            List<String> urls = urls(PROVISIONING.render(vendor, BASE, Optional.empty()));

            assertThat(urls).as(vendor).hasSize(events.size());
            for (int i = 0; i < urls.size(); i++) {
                assertThat(urls.get(i)).as(vendor).startsWith(BASE + "/" + vendor + "/" + events.get(i) + "?");
            }
            if (MAC_PARAM.containsKey(vendor)) {
                assertThat(urls).as(vendor).allSatisfy(u -> assertThat(u).contains("?" + MAC_PARAM.get(vendor) + "&"));
            } else {
                assertThat(vendor).isEqualTo("aastra");
                assertThat(urls).allSatisfy(u -> assertThat(u).contains("local=$$SIPUSERNAME$$"));
            }
        }
    }

    @Test
    void shouldGiveTheSameActionUrlsAsTheRenderedConfiguration() {
        for (String vendor : PROVISIONING.vendors()) {
            List<ActionUrl> actionUrls = PROVISIONING.actionUrls(vendor, BASE, Optional.of(TOKEN));

            assertThat(actionUrls).extracting(ActionUrl::url).as(vendor)
                    .containsExactlyElementsOf(urls(PROVISIONING.render(vendor, BASE, Optional.of(TOKEN))));
            assertThat(actionUrls).extracting(ActionUrl::event).as(vendor).containsExactlyElementsOf(
                    PROVISIONING.descriptor(vendor).provisioning().events().stream().map(ProvisioningSpec.Event::event).toList());
        }
        ActionUrl offHook = PROVISIONING.actionUrls("yealink", BASE, Optional.empty()).get(4);
        assertThat(offHook.event()).isEqualTo("off_hook");
        assertThat(offHook.canonical()).containsExactly(dev.hookline.schema.EventType.OFF_HOOK);
    }

    @Test
    void shouldCheckActionUrlsAsTheConfigurationIsChecked() {
        String base50 = "http://gw.example:8080/" + "p".repeat(27);

        assertThatThrownBy(() -> PROVISIONING.actionUrls("aastra", base50, Optional.empty()))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("128");
        assertThatThrownBy(() -> PROVISIONING.actionUrls("acme", BASE, Optional.empty()))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("unknown vendor");
    }

    @Test
    void shouldDescribeASimulatedPhoneOfEveryVendor() {
        for (String vendor : PROVISIONING.vendors()) {
            SimulatorSpec phone = PROVISIONING.simulator(vendor).orElseThrow();

            assertThat(phone.model()).as(vendor).isNotBlank();
            assertThat(phone.firmware()).as(vendor).isNotBlank();
            assertThat(phone.userAgent()).as(vendor).containsPattern("\\{(mac|MAC|mac:|MAC-)}");
        }
        assertThat(PROVISIONING.simulator("aastra").orElseThrow().userAgent()).contains("MAC:{MAC-}");
    }

    @Test
    void shouldProvisionAVendorNamedByAnAliasAsTheVendor() {
        assertThat(PROVISIONING.render("mitel", BASE, Optional.empty()))
                .isEqualTo(PROVISIONING.render("aastra", BASE, Optional.empty()));
        assertThat(PROVISIONING.render("HTEK", BASE, Optional.of(TOKEN)))
                .isEqualTo(PROVISIONING.render("hanlong", BASE, Optional.of(TOKEN)));
        assertThat(PROVISIONING.canProvision("mitel")).isTrue();
        assertThat(PROVISIONING.vendors()).doesNotContain("mitel", "htek");
    }

    @Test
    void shouldAppendTheTokenLastAndNeverPrintItInTheHeader() {
        for (String vendor : PROVISIONING.vendors()) {
            String text = PROVISIONING.render(vendor, "http://gw:80", Optional.of(TOKEN));

            assertThat(urls(text)).as(vendor).isNotEmpty()
                    .allSatisfy(u -> assertThat(u).endsWith("&token=" + TOKEN).containsOnlyOnce("token="));
            String header = text.lines().findFirst().orElseThrow();
            assertThat(header).as(vendor).contains("http://gw:80").doesNotContain(TOKEN);
            assertThat(header).matches("^(# |<!-- ).*");
        }
        assertThat(PROVISIONING.render("yealink", BASE, Optional.empty())).doesNotContain("token");
    }

    @Test
    void shouldFailAastraWhenALongBaseUrlPushesAUrlPast128() {
        // registration_event is the longest Aastra URL: 79 characters after the base URL.
        String base50 = "http://gw.example:8080/" + "p".repeat(27);
        assertThat(base50).hasSize(50);

        assertThatThrownBy(() -> PROVISIONING.render("aastra", base50, Optional.empty()))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("aastra")
                .hasMessageContaining("'registration_event'")
                .hasMessageContaining("129 characters")
                .hasMessageContaining("128");
        assertThat(urls(PROVISIONING.render("aastra", base50.substring(0, 49), Optional.empty())))
                .anySatisfy(u -> assertThat(u).hasSize(128));
    }

    @Test
    void shouldFailYealinkWhenAUrlExceeds511() {
        String longBase = "https://gw.example/" + "x".repeat(330);

        assertThatThrownBy(() -> PROVISIONING.render("yealink", longBase, Optional.empty()))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("yealink")
                .hasMessageMatching("(?s).*event '[a-z_]+': URL is 5[1-9]\\d characters.*511.*");
    }

    @Test
    void shouldNameKnownVendorsForAnUnknownOne() {
        assertThatThrownBy(() -> PROVISIONING.render("acme", BASE, Optional.empty()))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("unknown vendor 'acme'")
                .hasMessageContaining("aastra, hanlong, sangoma, snom, yealink");
    }

    @Test
    void shouldRefuseAKnownVendorWithoutAProvisioningSection() {
        // Polycom is recognised by the gateway, but Hookline cannot provision it.
        assertThat(PROVISIONING.canProvision("polycom")).isFalse();
        assertThat(PROVISIONING.vendors()).doesNotContain("polycom", "generic");
        assertThatThrownBy(() -> PROVISIONING.render("poly", BASE, Optional.empty()))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("'poly' cannot be provisioned")
                .hasMessageContaining("polycom.json")
                .hasMessageContaining("aastra, hanlong, sangoma, snom, yealink");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gw.example:8080", "ftp://gw.example", "http://gw.example/?a=1",
            "http://gw.example/#x", "http://gw example", "http://gw.example/$mac", "http://", "/relative"})
    void shouldRejectABadBaseUrl(String base) {
        assertThatThrownBy(() -> PROVISIONING.render("yealink", base, Optional.empty()))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith("base URL");
    }

    @Test
    void shouldExplainWhyABaseUrlIsRejected() {
        assertThatThrownBy(() -> PROVISIONING.render("snom", "ftp://gw", Optional.empty()))
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> PROVISIONING.render("snom", "http://gw/?x=1", Optional.empty()))
                .hasMessageContaining("query");
        assertThatThrownBy(() -> PROVISIONING.render("snom", "http://admin:pw@gw", Optional.empty()))
                .hasMessageContaining("credentials").hasMessageNotContaining("pw@");
    }

    @Test
    void shouldDropTrailingSlashesFromTheBaseUrl() {
        String text = PROVISIONING.render("yealink", "https://gw.example/hookline//", Optional.empty());

        assertThat(urls(text)).allSatisfy(u -> assertThat(u).startsWith("https://gw.example/hookline/yealink/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "x&y", "tök", "a/b", "a#b"})
    void shouldRejectATokenThatIsNotUrlSafeWithoutEchoingIt(String token) {
        assertThatThrownBy(() -> PROVISIONING.render("yealink", BASE, Optional.of(token)))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith("token")
                .satisfies(e -> {
                    if (token.length() > 1) {
                        assertThat(e.getMessage()).doesNotContain(token);
                    }
                });
    }
}
