package dev.hookline.deploy.sim;

import dev.hookline.deploy.HooklineException;
import dev.hookline.gateway.provisioning.ActionUrl;
import dev.hookline.gateway.provisioning.Provisioning;
import dev.hookline.gateway.provisioning.ProvisioningException;
import dev.hookline.testkit.sim.UrlTemplate;
import dev.hookline.testkit.sim.VendorTemplates;
import dev.hookline.vendor.VendorCatalogue;
import dev.hookline.vendor.VendorDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's vendor templates made from the vendor descriptors: simulated phones send
 * exactly the URLs {@code hookline provision VENDOR} configures, and present what the
 * descriptor's {@code simulator} section says (model, firmware, User-Agent), with a MAC of the
 * vendor's first OUI.
 */
public final class ProvisionedVendors {

    private ProvisionedVendors() {
    }

    /** Every built-in vendor that can be provisioned and simulated. */
    public static List<String> all() {
        return all(VendorCatalogue.builtIn());
    }

    /** Every vendor of {@code catalogue} that can be provisioned and simulated, sorted by name. */
    public static List<String> all(VendorCatalogue catalogue) {
        Provisioning provisioning = Provisioning.of(catalogue);
        return provisioning.vendors().stream().filter(v -> provisioning.descriptor(v).simulator() != null).toList();
    }

    /** As {@link #templates(VendorCatalogue, List, String, Optional)} for the built-in vendors. */
    public static List<VendorTemplates> templates(List<String> vendors, String baseUrl, Optional<String> token) {
        return templates(VendorCatalogue.builtIn(), vendors, baseUrl, token);
    }

    /**
     * @param vendors vendor names or aliases
     * @throws HooklineException for an unknown vendor, a bad base URL or token, or a vendor whose
     *     descriptor has no provisioning or simulator section, or whose command dialect no simulated phone speaks
     */
    public static List<VendorTemplates> templates(VendorCatalogue catalogue, List<String> vendors, String baseUrl,
                                                  Optional<String> token) {
        Provisioning provisioning = Provisioning.of(catalogue);
        List<VendorTemplates> out = new ArrayList<>();
        for (String vendor : vendors) {
            try {
                out.add(templates(provisioning, vendor, baseUrl, token));
            } catch (ProvisioningException | IllegalArgumentException e) {
                throw new HooklineException(e.getMessage(), e);
            }
        }
        return out;
    }

    private static VendorTemplates templates(Provisioning provisioning, String vendor, String baseUrl,
                                             Optional<String> token) {
        VendorDescriptor descriptor = provisioning.descriptor(vendor);
        List<UrlTemplate> urls = new ArrayList<>();
        for (ActionUrl url : provisioning.actionUrls(vendor, baseUrl, token)) {
            urls.add(new UrlTemplate(url.event(), url.canonical(), url.url()));
        }
        try {
            return VendorTemplates.of(descriptor, urls);
        } catch (IllegalArgumentException e) {
            throw new HooklineException(e.getMessage(), e);
        }
    }
}
