package dev.hookline.testkit.sim;

import dev.hookline.schema.Direction;
import java.util.Locale;

/**
 * The value a phone puts for one of its variables, by the variable's spelling (with its
 * {@code $} or {@code $$...$$} removed, any case): {@code mac}, {@code local},
 * {@code SIPUSERNAME}, {@code call-id}, ... Spellings differ in meaning ({@code call_id} is a
 * phone-internal number, {@code call-id} the SIP Call-ID), never by vendor.
 * Variables without a value in the moment are empty, as the vendors document; unknown ones are
 * left as they are, as Yealink firmware does.
 */
final class VariableValues {

    private VariableValues() {
    }

    /**
     * @param leg the call the event is about, or null (registration, off hook before dialing)
     * @param ongoing calls in progress on the phone
     * @return the value, or null for a variable this simulator does not know
     */
    static String value(String variable, PhoneIdentity phone, int line, CallLeg leg, int ongoing) {
        String user = phone.lineUsers().get(line);
        boolean call = leg != null;
        return switch (variable.toLowerCase(Locale.ROOT)) {
            case "mac" -> phone.mac().hex();
            case "ip", "phone_ip", "localip" -> phone.address();
            case "model" -> phone.vendor().phone().model();
            case "firmware" -> phone.vendor().phone().firmware();
            case "local", "active_url" -> sipUri(user);
            case "sipusername", "sipauthname", "active_user" -> user;
            case "active_host", "activeproxy", "proxyurl" -> PhoneFleet.PBX;
            case "display_local", "displayname" -> phone.displayName();
            case "remote" -> call ? sipUri(leg.remote) : "";
            case "remotenumber", "callednumber", "callnumber" -> call ? leg.remote : "";
            case "display_remote", "incomingname", "callerid" -> call ? leg.remoteDisplay : "";
            case "call_id" -> call ? Integer.toString(leg.callNumber) : "";
            case "call-id" -> call ? leg.sipCallId : "";
            case "calldirection" -> !call ? "unknown" : leg.direction == Direction.INBOUND ? "in" : "out";
            case "linestate" -> call ? leg.state.name() : LineState.IDLE.name();
            case "registrationstate" -> "REGISTERED";
            case "nr_ongoing_calls" -> Integer.toString(ongoing);
            case "active_key" -> "";
            default -> null;
        };
    }

    private static String sipUri(String user) {
        return "sip:" + user + "@" + PhoneFleet.PBX;
    }
}
