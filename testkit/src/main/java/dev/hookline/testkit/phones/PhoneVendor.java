package dev.hookline.testkit.phones;

import dev.hookline.vendor.VendorCatalogue;
import java.util.Objects;
import java.util.Optional;

/**
 * A command dialect a {@link SimulatedPhone} speaks, as a type. Only the simulator's
 * {@code sim.PhoneModel} still takes one (that package is being reworked separately); everything
 * else names a dialect or a vendor as a string ({@link SimulatedPhone#builder(String)}). Remove
 * this once {@code PhoneModel} carries the dialect name.
 *
 * @param dialect a dialect an {@link ActionUriEndpoint} serves
 */
public record PhoneVendor(String dialect) {

    /** @throws IllegalArgumentException when no endpoint serves {@code dialect} */
    public PhoneVendor {
        Objects.requireNonNull(dialect, "dialect");
        if (ActionUriEndpoints.forDialect(dialect).isEmpty()) {
            throw new IllegalArgumentException("no simulated Action URI endpoint serves dialect '" + dialect
                    + "'; they serve " + String.join(", ", ActionUriEndpoints.dialects()));
        }
    }

    /** The dialect of a built-in vendor (name or alias), through its descriptor; empty when it takes no commands. */
    public static Optional<PhoneVendor> forVendor(String vendor) {
        return VendorCatalogue.builtIn().find(vendor).flatMap(d -> d.dialect())
                .filter(dialect -> ActionUriEndpoints.forDialect(dialect).isPresent()).map(PhoneVendor::new);
    }
}
