package dev.hookline.testkit.phones;

import java.util.Map;

/**
 * The {@code hanlong} dialect: Hanlong / Htek / Sangoma S {@code Phone_ActionURL}, as the Hanlong
 * UC860 Action URL note and the Sangoma wiki describe it, HTTP Basic. The path goes on with '&',
 * not '?': {@code /Phone_ActionURL&Command=1&Number=206&Account=1}.
 */
public final class HanlongEndpoint implements ActionUriEndpoint {

    private static final String PATH = "/Phone_ActionURL";

    @Override
    public String dialect() {
        return "hanlong";
    }

    @Override
    public PhoneReply handle(ReceivedRequest request, PhoneSetup phone) {
        PhoneState state = phone.state();
        String uri = request.rawUri();
        if (!uri.equals(PATH) && !uri.startsWith(PATH + "&")) {
            return PhoneReply.status(404, "not found");
        }
        Map<String, String> params = QueryParameters.parse(uri.substring(PATH.length()));
        String command = params.getOrDefault("Command", params.containsKey("key") ? "3" : "");
        switch (command) {
            case "1" -> {
                String number = params.get("Number");
                if (number == null || number.isEmpty()) {
                    return PhoneReply.status(400, "no Number");
                }
                state.dialed(number, params.get("Account"));
            }
            case "2" -> state.hungUp();
            case "3" -> {
                String key = params.get("key");
                if (key == null || key.isEmpty()) {
                    return PhoneReply.status(400, "no key");
                }
                press(key, state);
            }
            default -> {
                return PhoneReply.status(400, "unknown Command");
            }
        }
        return PhoneReply.ok("text/plain", "200 OK");
    }

    private static void press(String key, PhoneState state) {
        state.pressed(key);
        switch (key) {
            case "DNDOn" -> state.dnd(true);
            case "DNDOff" -> state.dnd(false);
            case "OK", "ENTER" -> state.answered();
            case "X" -> state.hungUp();
            case "F_HOLD" -> state.toggleHold();
            case "Reboot" -> state.rebooted();
            default -> {
                // Any other key is only recorded.
            }
        }
    }
}
