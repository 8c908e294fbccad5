package dev.hookline.vendor;

/**
 * How a vendor's phones take commands.
 *
 * @param dialect the command dialect they speak: the name a dispatcher driver and a simulated
 *                phone endpoint declare (several vendors may share one, as OEM firmware does)
 */
public record ActionUriSpec(String dialect) {
}
