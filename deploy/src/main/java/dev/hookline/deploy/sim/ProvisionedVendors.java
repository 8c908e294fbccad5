package dev.hookline.deploy.sim;

import dev.hookline.deploy.HooklineException;
import dev.hookline.gateway.provisioning.ActionUrl;
import dev.hookline.gateway.provisioning.Provisioning;
import dev.hookline.gateway.provisioning.ProvisioningException;
import dev.hookline.gateway.provisioning.SamplePhone;
import dev.hookline.testkit.phones.PhoneVendor;
import dev.hookline.testkit.sim.PhoneModel;
import dev.hookline.testkit.sim.UrlTemplate;
import dev.hookline.testkit.sim.VendorTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's vendor templates made from the gateway's provisioning data: simulated phones
 * send exactly the URLs {@code hookline provision VENDOR} configures, and present the vendor's
 * sample phone (model, firmware, User-Agent, MAC prefix).
 */
public final class ProvisionedVendors {

    private ProvisionedVendors() {
    }

    /** Every vendor that has provisioning data. */
    public static List<String> all() {
        return Provisioning.vendors();
    }

    /**
     * @throws HooklineException for an unknown vendor, a bad base URL or token, or a vendor whose
     *     file names no sample phone
     */
    public static List<VendorTemplates> templates(List<String> vendors, String baseUrl, Optional<String> token) {
        List<VendorTemplates> out = new ArrayList<>();
        for (String vendor : vendors) {
            try {
                out.add(templates(vendor, baseUrl, token));
            } catch (ProvisioningException e) {
                throw new HooklineException(e.getMessage(), e);
            }
        }
        return out;
    }

    private static VendorTemplates templates(String vendor, String baseUrl, Optional<String> token) {
        List<UrlTemplate> urls = new ArrayList<>();
        for (ActionUrl url : Provisioning.actionUrls(vendor, baseUrl, token)) {
            urls.add(new UrlTemplate(url.event(), url.canonical(), url.url()));
        }
        SamplePhone sample = Provisioning.samplePhone(vendor).orElseThrow(() -> new HooklineException(
                "vendor " + vendor + " cannot be simulated: provisioning/" + vendor + ".json has no samplePhone"));
        PhoneVendor dialect = PhoneVendor.forVendor(vendor).orElseThrow(() -> new HooklineException(
                "vendor " + vendor + " cannot be simulated: no simulated Action URI for it"));
        return new VendorTemplates(vendor, urls, new PhoneModel(sample.model(), sample.firmware(), sample.userAgent(),
                sample.macPrefix(), dialect));
    }
}
