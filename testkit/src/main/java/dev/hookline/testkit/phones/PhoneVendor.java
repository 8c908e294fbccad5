package dev.hookline.testkit.phones;

/** The Action URI dialects a {@link SimulatedPhone} speaks (vendors.md §1.2, §2.2, §3.2, §4.1, §5). */
public enum PhoneVendor {
    /** {@code GET /servlet?key=...} and {@code GET /servlet?phonecfg=get...}. */
    YEALINK,
    /** Hanlong, Htek and Sangoma S-series: {@code GET /Phone_ActionURL&Command=...}. */
    HANLONG,
    /** {@code GET /command.htm?...}, {@code /dummy.htm?settings=save...}, {@code /advanced_update.htm?reboot=...}. */
    SNOM,
    /** Aastra / Mitel: {@code POST /} with {@code xml=<AastraIPPhoneExecute>...}. */
    AASTRA
}
