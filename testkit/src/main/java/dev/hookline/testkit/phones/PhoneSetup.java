package dev.hookline.testkit.phones;

import java.util.List;

/**
 * The simulated phone an {@link ActionUriEndpoint} answers for.
 *
 * @param state    what the phone did, for the endpoint to update
 * @param firmware the firmware version a status reply reports
 * @param accounts the phone's SIP identities ({@code user@host}), account 0 first
 */
public record PhoneSetup(PhoneState state, String firmware, List<String> accounts) {

    public PhoneSetup {
        accounts = List.copyOf(accounts);
    }
}
