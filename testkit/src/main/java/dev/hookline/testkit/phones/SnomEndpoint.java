package dev.hookline.testkit.phones;

import java.util.Map;

/**
 * The {@code snom} dialect: Snom's {@code command.htm} remote control as the Snom wiki describes
 * it: a dial answers 302 to {@code index.htm}; keys are {@code key=K[,press[,pause]][;K...]}.
 * Also the settings write {@code dummy.htm?settings=save&dnd_mode=on|off} and
 * {@code advanced_update.htm?reboot=Reboot}.
 */
public final class SnomEndpoint implements ActionUriEndpoint {

    private static final String PAGE = "<html><body>snom</body></html>";

    @Override
    public String dialect() {
        return "snom";
    }

    @Override
    public PhoneReply handle(ReceivedRequest request, PhoneSetup phone) {
        PhoneState state = phone.state();
        String query = QueryParameters.queryOf(request.rawUri());
        Map<String, String> params = QueryParameters.parse(query);
        switch (QueryParameters.pathOf(request.rawUri())) {
            case "/command.htm" -> {
                return command(query, params, state);
            }
            case "/dummy.htm", "/settings.htm" -> {
                if ("save".equals(params.get("settings")) && params.containsKey("dnd_mode")) {
                    state.dnd("on".equals(params.get("dnd_mode")));
                }
                return PhoneReply.ok("text/html", PAGE);
            }
            case "/advanced_update.htm" -> {
                if ("Reboot".equals(params.get("reboot"))) {
                    state.rebooted();
                }
                return PhoneReply.ok("text/html", PAGE);
            }
            default -> {
                return PhoneReply.status(404, "not found");
            }
        }
    }

    private static PhoneReply command(String query, Map<String, String> params, PhoneState state) {
        if (params.containsKey("number")) {
            state.dialed(params.get("number"), params.get("outgoing_uri"));
            return new PhoneReply(302, Map.of("Location", "/index.htm"), "");
        }
        if (query.equals("RELEASE_ALL_CALLS")) {
            state.hungUp();
        } else if (params.containsKey("key")) {
            for (String k : params.get("key").split(";")) {
                press(k.split(",")[0], state);
            }
        } else {
            return PhoneReply.status(400, "no command");
        }
        return PhoneReply.ok("text/html", PAGE);
    }

    private static void press(String key, PhoneState state) {
        state.pressed(key);
        switch (key) {
            case "DND" -> state.toggleDnd();
            case "CANCEL" -> state.hungUp();
            case "ENTER" -> state.answered();
            case "F_HOLD" -> state.toggleHold();
            default -> {
                // Any other key is only recorded.
            }
        }
    }
}
