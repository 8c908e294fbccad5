package dev.hookline.testkit.phones;

import java.util.List;
import java.util.Map;

/**
 * The {@code yealink} dialect: Yealink's {@code /servlet} as the Yealink administrator guide's
 * Action URI section describes it: {@code key=K[;K...]}, {@code key=number=N&outgoing_uri=U} and
 * the {@code phonecfg=get} status reply in INI style.
 */
public final class YealinkEndpoint implements ActionUriEndpoint {

    @Override
    public String dialect() {
        return "yealink";
    }

    @Override
    public PhoneReply handle(ReceivedRequest request, PhoneSetup phone) {
        if (!QueryParameters.pathOf(request.rawUri()).equals("/servlet")) {
            return PhoneReply.status(404, "not found");
        }
        Map<String, String> query = QueryParameters.parse(QueryParameters.queryOf(request.rawUri()));
        if ("get".equals(query.get("phonecfg"))) {
            return PhoneReply.ok("text/plain", status(query, phone));
        }
        String key = query.get("key");
        if (key == null || key.isEmpty()) {
            return PhoneReply.status(400, "no key");
        }
        if (key.startsWith("number=")) {
            phone.state().dialed(key.substring("number=".length()), query.get("outgoing_uri"));
        } else {
            for (String k : key.split(";")) {
                press(k, phone.state());
            }
        }
        return PhoneReply.ok("text/plain", "OK");
    }

    private static void press(String key, PhoneState state) {
        state.pressed(key);
        switch (key) {
            case "DNDOn" -> state.dnd(true);
            case "DNDOff" -> state.dnd(false);
            case "CALLEND" -> state.hungUp();
            case "ANSWER" -> state.answered();
            case "F_HOLD" -> state.toggleHold();
            case "Reboot" -> state.rebooted();
            default -> {
                if (key.startsWith("BTrans=") || key.startsWith("ATrans=")) {
                    state.transferred(key.substring(7));
                }
            }
        }
    }

    /** The INI layout third-party Yealink integrations parse; a section only when its flag is 1. */
    private static String status(Map<String, String> query, PhoneSetup phone) {
        List<String> accounts = phone.accounts();
        StringBuilder out = new StringBuilder("[Status]\nFirmwareVersion=").append(phone.firmware()).append('\n');
        if ("1".equals(query.get("accounts"))) {
            out.append("[Accounts]\n");
            for (int i = 0; i < accounts.size(); i++) {
                String identity = accounts.get(i);
                String user = identity.substring(0, identity.indexOf('@'));
                out.append("Account").append(i).append("=Enabled|").append(user).append('|').append(user).append('|')
                        .append(user).append("|Off|").append(identity).append("|\n");
            }
        }
        if ("1".equals(query.get("dnd"))) {
            out.append("[DND]\nState=").append(phone.state().dnd() ? "On" : "Off").append('\n');
        }
        if ("1".equals(query.get("fw"))) {
            out.append("[Forward_always]\nState=Off\nTarget=\n[Forward_busy]\nState=Off\nTarget=\n")
                    .append("[Forward_noanswer]\nRingtimes=20\nState=Off\nTarget=\n");
        }
        return out.toString();
    }
}
