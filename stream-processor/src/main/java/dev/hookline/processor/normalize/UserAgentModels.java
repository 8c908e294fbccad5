package dev.hookline.processor.normalize;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model and firmware a User-Agent names, by the vendor's patterns first, then those of every
 * vendor whose marker the User-Agent holds. Remembered per vendor and User-Agent: a phone sends
 * the same one with every request, and matching the patterns cost a tenth of normalizing
 * (bench/jmh.sh). At most {@link #CACHE_SIZE} are kept (a few MB), the most used ones; the
 * cache is shared by the stream threads.
 */
final class UserAgentModels {

    static final int CACHE_SIZE = 50_000;

    /** What a User-Agent says of the phone; either part may be null. */
    record ModelAndFirmware(String model, String firmware) {
    }

    private final Vendors vendors;
    private final Cache<String, ModelAndFirmware> cache = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();

    UserAgentModels(Vendors vendors) {
        this.vendors = vendors;
    }

    /** @param vendor the request's vendor, or null */
    ModelAndFirmware read(String ua, String uaLower, VendorRules vendor) {
        return cache.get((vendor == null ? "" : vendor.vendor) + '\n' + ua, ignored -> match(ua, uaLower, vendor));
    }

    private ModelAndFirmware match(String ua, String uaLower, VendorRules vendor) {
        List<VendorRules> order = new ArrayList<>();
        if (vendor != null) {
            order.add(vendor);
        }
        for (VendorRules v : vendors.specific) {
            if (v != vendor && v.userAgentContains.stream().anyMatch(uaLower::contains)) {
                order.add(v);
            }
        }
        String model = null;
        String firmware = null;
        for (VendorRules v : order) {
            for (Pattern pattern : v.userAgentPatterns) {
                Matcher m = pattern.matcher(ua);
                if (m.find()) {
                    model = model != null ? model : group(m, "model");
                    firmware = firmware != null ? firmware : group(m, "firmware");
                    if (model != null && firmware != null) {
                        return new ModelAndFirmware(model, firmware);
                    }
                }
            }
        }
        return new ModelAndFirmware(model, firmware);
    }

    /** The group's value, or null when the pattern has no such group or it matched nothing. */
    private static String group(Matcher m, String name) {
        try {
            return Values.clean(m.group(name));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
