package dev.hookline.testkit.phones;

/**
 * A dial command a {@link SimulatedPhone} accepted.
 *
 * @param number the number to call
 * @param account the line or SIP identity named in the command, or null
 */
public record Dial(String number, String account) {
}
