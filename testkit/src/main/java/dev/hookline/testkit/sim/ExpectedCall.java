package dev.hookline.testkit.sim;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.Direction;

/**
 * A call the simulator made, as the pipeline should report it in {@code call.sessions.v1}.
 *
 * @param phone the phone's index in the fleet
 * @param deviceId the phone's device id (its MAC)
 * @param address the phone's source address
 * @param vendor the phone's vendor
 * @param scenario what was played
 * @param direction inbound or outbound
 * @param outcome how the call ended
 * @param localUser the line's SIP user
 * @param remoteUser the other party's number
 * @param remoteDisplayName the other party's name as the phone sent it, or null when its URLs carry none
 * @param callId the call id the phone sent with the call, or null when its URLs carry none
 * @param startMillis when its first request was planned, from the start of the run
 * @param holdMillis the time it was on hold, scaled (0 when never)
 */
public record ExpectedCall(int phone, String deviceId, String address, String vendor, CallScenario scenario,
                           Direction direction, CallOutcome outcome, String localUser, String remoteUser,
                           String remoteDisplayName, String callId, long startMillis, long holdMillis) {
}
