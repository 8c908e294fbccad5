package dev.hookline.gateway.provisioning;

import dev.hookline.vendor.ProvisioningSpec;
import dev.hookline.vendor.VendorDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns one vendor's descriptor (its provisioning section) and a gateway target into configuration text. */
final class SnippetRenderer {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(setting|url|label|event|text)}");

    private SnippetRenderer() {
    }

    static String render(VendorDescriptor vendor, GatewayTarget target) {
        List<String> urls = urls(vendor, target);
        checkLengths(vendor, urls);
        ProvisioningSpec spec = vendor.provisioning();

        StringBuilder out = new StringBuilder();
        comment(out, spec, header(vendor, target));
        spec.notes().forEach(n -> comment(out, spec, n));
        for (int i = 0; i < urls.size(); i++) {
            ProvisioningSpec.Event e = spec.events().get(i);
            if (spec.syntax().labelComments()) {
                comment(out, spec, e.label());
            }
            if (e.note() != null) {
                comment(out, spec, e.note());
            }
            out.append(fill(spec.syntax().line(), Map.of(
                    "setting", escape(spec, spec.settingOf(e)),
                    "url", escape(spec, urls.get(i)),
                    "label", escape(spec, e.label()),
                    "event", e.event()))).append('\n');
        }
        return out.toString();
    }

    /** {@code <base>/<vendor>/<event>?name=variable&...}, the token last so the gateway can strip it. */
    static String url(VendorDescriptor vendor, ProvisioningSpec.Event e, GatewayTarget target) {
        StringBuilder url = new StringBuilder(target.baseUrl())
                .append('/').append(vendor.vendor()).append('/').append(e.event());
        char sep = '?';
        for (Map.Entry<String, String> p : vendor.provisioning().paramsOf(e).entrySet()) {
            url.append(sep).append(p.getKey()).append('=').append(p.getValue());
            sep = '&';
        }
        target.token().ifPresent(t -> url.append("&token=").append(t));
        return url.toString();
    }

    /** Fails when a URL is longer than the vendor accepts, as {@link #render} does. */
    static void checkLengths(VendorDescriptor vendor, GatewayTarget target) {
        checkLengths(vendor, urls(vendor, target));
    }

    private static List<String> urls(VendorDescriptor vendor, GatewayTarget target) {
        List<String> urls = new ArrayList<>();
        for (ProvisioningSpec.Event e : vendor.provisioning().events()) {
            urls.add(url(vendor, e, target));
        }
        return urls;
    }

    private static void checkLengths(VendorDescriptor vendor, List<String> urls) {
        ProvisioningSpec spec = vendor.provisioning();
        Integer limit = spec.maxUrlLength();
        if (limit == null) {
            return;
        }
        int first = -1;
        int over = 0;
        for (int i = 0; i < urls.size(); i++) {
            if (urls.get(i).length() > limit) {
                over++;
                first = first < 0 ? i : first;
            }
        }
        if (over > 0) {
            throw new ProvisioningException(vendor.vendor() + " event '" + spec.events().get(first).event()
                    + "': URL is " + urls.get(first).length() + " characters, more than the " + limit
                    + " the phone accepts" + (over > 1 ? " (" + (over - 1) + " more events too)" : "")
                    + "; use a shorter base URL or token");
        }
    }

    private static String header(VendorDescriptor vendor, GatewayTarget target) {
        // The token is a secret: say that it is there, never what it is.
        return "Hookline Action URL settings for " + vendor.title() + ": every event goes to "
                + target.baseUrl() + "/" + vendor.vendor() + "/<event>"
                + (target.token().isPresent() ? " (each URL carries the gateway token)" : "");
    }

    private static void comment(StringBuilder out, ProvisioningSpec spec, String text) {
        // "--" would end an XML comment early.
        String safe = spec.syntax().escape() == ProvisioningSpec.Escape.XML ? text.replace("--", "- -") : text;
        out.append(fill(spec.syntax().comment(), Map.of("text", safe))).append('\n');
    }

    private static String escape(ProvisioningSpec spec, String value) {
        if (spec.syntax().escape() != ProvisioningSpec.Escape.XML) {
            return value;
        }
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // One pass, so a value that happens to contain "{url}" is never substituted again.
    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
