package dev.hookline.gateway.provisioning;

import dev.hookline.vendor.SimulatorSpec;
import dev.hookline.vendor.VendorCatalogue;
import dev.hookline.vendor.VendorDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ready-to-paste phone configuration that points every Action URL event of a vendor at a
 * Hookline gateway. All vendor knowledge is the {@code provisioning} section of the vendor's
 * descriptor in the {@link VendorCatalogue}, so supporting a new vendor means adding one file
 * (built in, or in a user's vendor folder).
 */
public final class Provisioning {

    private static volatile Provisioning builtIn;

    private final VendorCatalogue catalogue;
    private final List<String> vendors;

    private Provisioning(VendorCatalogue catalogue) {
        this.catalogue = catalogue;
        this.vendors = catalogue.all().stream().filter(d -> d.provisioning() != null).map(VendorDescriptor::vendor)
                .sorted().toList();
    }

    /** Provisioning of the vendors of {@code catalogue}. */
    public static Provisioning of(VendorCatalogue catalogue) {
        return new Provisioning(catalogue);
    }

    /** Provisioning of the built-in vendors. */
    public static Provisioning builtIn() {
        Provisioning p = builtIn;
        if (p == null) {
            p = of(VendorCatalogue.builtIn());
            builtIn = p;
        }
        return p;
    }

    /** The vendors whose descriptor has a provisioning section, sorted by name. */
    public List<String> vendors() {
        return vendors;
    }

    /** True when {@code vendor} names (or is an alias of) a vendor that can be provisioned. */
    public boolean canProvision(String vendor) {
        return catalogue.find(vendor).filter(d -> d.provisioning() != null).isPresent();
    }

    /**
     * The configuration text for {@code vendor} (its name or an alias): a comment naming what it
     * is and the base URL, then one setting per event whose URL is
     * {@code <baseUrl>/<vendor>/<event>?<name>=<variable>&...[&token=<token>]}.
     *
     * @throws ProvisioningException for an unknown vendor or one without a provisioning section,
     *     a bad base URL or token, or a URL longer than the vendor accepts
     */
    public String render(String vendor, String baseUrl, Optional<String> token) {
        VendorDescriptor d = descriptor(vendor);
        GatewayTarget target = GatewayTarget.of(baseUrl, token);
        return SnippetRenderer.render(d, target);
    }

    /**
     * The Action URLs {@link #render} configures for {@code vendor}, one per event in the same
     * order, each exactly as written into the configuration (variables unfilled). A simulator
     * fills the variables and sends them, so it sends what a provisioned phone sends.
     *
     * @throws ProvisioningException as {@link #render} does
     */
    public List<ActionUrl> actionUrls(String vendor, String baseUrl, Optional<String> token) {
        VendorDescriptor d = descriptor(vendor);
        GatewayTarget target = GatewayTarget.of(baseUrl, token);
        SnippetRenderer.checkLengths(d, target);
        List<ActionUrl> urls = new ArrayList<>();
        for (var e : d.provisioning().events()) {
            urls.add(new ActionUrl(e.event(), e.canonical(), SnippetRenderer.url(d, e, target)));
        }
        return List.copyOf(urls);
    }

    /** How the simulator plays a phone of {@code vendor}, when its descriptor says. */
    public Optional<SimulatorSpec> simulator(String vendor) {
        return Optional.ofNullable(descriptor(vendor).simulator());
    }

    /**
     * The descriptor of {@code vendor} (its name or an alias).
     *
     * @throws ProvisioningException when no vendor has that name, or it has no provisioning section
     */
    public VendorDescriptor descriptor(String vendor) {
        VendorDescriptor d = catalogue.find(vendor).orElseThrow(() -> new ProvisioningException(
                "unknown vendor '" + vendor + "'; known vendors: " + String.join(", ", vendors)));
        if (d.provisioning() == null) {
            throw new ProvisioningException("vendor '" + vendor + "' cannot be provisioned: its descriptor ("
                    + d.file() + ") has no provisioning section; vendors that can be: " + String.join(", ", vendors));
        }
        return d;
    }
}
