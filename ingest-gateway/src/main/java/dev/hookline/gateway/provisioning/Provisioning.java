package dev.hookline.gateway.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ready-to-paste phone configuration that points every Action URL event of a vendor at a
 * Hookline gateway. All vendor knowledge lives in {@code provisioning/<vendor>.json} on the
 * classpath, so supporting a new vendor means adding one file.
 */
public final class Provisioning {
    static final String ROOT = "provisioning";

    private static volatile VendorCatalog catalog;

    private Provisioning() {
    }

    /** The vendors that have a data file, sorted by name. */
    public static List<String> vendors() {
        return catalog().names();
    }

    /**
     * The configuration text for {@code vendor}: a comment naming what it is and the base URL,
     * then one setting per event whose URL is
     * {@code <baseUrl>/<vendor>/<event>?<name>=<variable>&...[&token=<token>]}.
     *
     * @throws ProvisioningException for an unknown vendor, a bad base URL or token, or a URL
     *     longer than the vendor accepts
     */
    public static String render(String vendor, String baseUrl, Optional<String> token) {
        GatewayTarget target = GatewayTarget.of(baseUrl, token);
        return SnippetRenderer.render(catalog().get(vendor), target);
    }

    /**
     * The Action URLs {@link #render} configures for {@code vendor}, one per event in the same
     * order, each exactly as written into the configuration (variables unfilled). A simulator
     * fills the variables and sends them, so it sends what a provisioned phone sends.
     *
     * @throws ProvisioningException as {@link #render} does
     */
    public static List<ActionUrl> actionUrls(String vendor, String baseUrl, Optional<String> token) {
        VendorSpec spec = catalog().get(vendor);
        GatewayTarget target = GatewayTarget.of(baseUrl, token);
        SnippetRenderer.checkLengths(spec, target);
        List<ActionUrl> urls = new ArrayList<>();
        for (VendorSpec.Event e : spec.events()) {
            urls.add(new ActionUrl(e.event(), e.canonical(), SnippetRenderer.url(spec, e, target)));
        }
        return List.copyOf(urls);
    }

    /** A typical phone of {@code vendor} (model, firmware, User-Agent, MAC prefix), when its file names one. */
    public static Optional<SamplePhone> samplePhone(String vendor) {
        return Optional.ofNullable(catalog().get(vendor).samplePhone());
    }

    static VendorCatalog catalog() {
        VendorCatalog c = catalog;
        if (c == null) {
            // A broken data file fails every call with the same clear message instead of being cached.
            c = VendorCatalog.load(Provisioning.class.getClassLoader(), ROOT);
            catalog = c;
        }
        return c;
    }
}
