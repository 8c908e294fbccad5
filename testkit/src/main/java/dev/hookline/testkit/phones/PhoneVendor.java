package dev.hookline.testkit.phones;

import java.util.Locale;
import java.util.Optional;

/** The Action URI dialects a {@link SimulatedPhone} speaks (vendors.md §1.2, §2.2, §3.2, §4.1, §5). */
public enum PhoneVendor {
    /** {@code GET /servlet?key=...} and {@code GET /servlet?phonecfg=get...}. */
    YEALINK,
    /** Hanlong, Htek and Sangoma S-series: {@code GET /Phone_ActionURL&Command=...}. */
    HANLONG,
    /** {@code GET /command.htm?...}, {@code /dummy.htm?settings=save...}, {@code /advanced_update.htm?reboot=...}. */
    SNOM,
    /** Aastra / Mitel: {@code POST /} with {@code xml=<AastraIPPhoneExecute>...}. */
    AASTRA;

    /** The dialect of a vendor named as in Hookline's vendor files ({@code sangoma} speaks Hanlong's). */
    public static Optional<PhoneVendor> forVendor(String vendor) {
        return switch (vendor.toLowerCase(Locale.ROOT)) {
            case "yealink" -> Optional.of(YEALINK);
            case "hanlong", "htek", "sangoma" -> Optional.of(HANLONG);
            case "snom" -> Optional.of(SNOM);
            case "aastra", "mitel" -> Optional.of(AASTRA);
            default -> Optional.empty();
        };
    }
}
