package dev.hookline.dispatcher.dispatch;

import dev.hookline.dispatcher.driver.PhoneDriver;
import java.util.Optional;

/** The driver for a vendor (lowercase, as in device.state.v1); empty when no driver knows it. */
@FunctionalInterface
public interface DriverLookup {
    Optional<PhoneDriver> forVendor(String vendor);
}
