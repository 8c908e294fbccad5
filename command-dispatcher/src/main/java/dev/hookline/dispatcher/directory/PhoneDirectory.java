package dev.hookline.dispatcher.directory;

import dev.hookline.dispatcher.driver.PhoneTarget;
import java.util.Optional;

/** Where a device's commands go: the phone as last reported, or empty when unknown or without an address. */
@FunctionalInterface
public interface PhoneDirectory {
    Optional<PhoneTarget> find(String deviceId);
}
