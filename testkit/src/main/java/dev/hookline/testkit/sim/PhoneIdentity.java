package dev.hookline.testkit.sim;

import java.util.List;

/**
 * One simulated phone: who it is and where it sends from.
 *
 * @param index its place in the fleet, from 0
 * @param vendor what kind of phone it is
 * @param address its own loopback address, the source of everything it sends
 * @param mac its MAC (the device id the pipeline should key it by)
 * @param lineUsers the SIP user of each line (account), line 1 first
 * @param displayName the name it shows for its lines
 */
public record PhoneIdentity(int index, VendorTemplates vendor, String address, MacAddress mac, List<String> lineUsers,
                            String displayName) {

    public PhoneIdentity {
        lineUsers = List.copyOf(lineUsers);
    }

    /** The pipeline's device id for this phone: its MAC as 12 lower-case hex digits. */
    public String deviceId() {
        return mac.hex();
    }

    /** The User-Agent its requests carry. */
    public String userAgent() {
        return vendor.phone().userAgentOf(mac);
    }

    /** Line 1's SIP user, the phone's extension. */
    public String extension() {
        return lineUsers.get(0);
    }
}
