package dev.hookline.testkit.phones;

import java.util.List;
import java.util.Map;

/**
 * Yealink's {@code /servlet} (seed 001, vendors.md §1.2): {@code key=K[;K...]},
 * {@code key=number=N&outgoing_uri=U} and the {@code phonecfg=get} status reply in INI style.
 */
final class YealinkEndpoint implements ActionUriEndpoint {

    private final PhoneState state;
    private final String firmware;
    private final List<String> accounts;

    /** @param accounts the phone's SIP identities ({@code user@host}), account 0 first */
    YealinkEndpoint(PhoneState state, String firmware, List<String> accounts) {
        this.state = state;
        this.firmware = firmware;
        this.accounts = List.copyOf(accounts);
    }

    @Override
    public PhoneReply handle(ReceivedRequest request) {
        if (!QueryParameters.pathOf(request.rawUri()).equals("/servlet")) {
            return PhoneReply.status(404, "not found");
        }
        Map<String, String> query = QueryParameters.parse(QueryParameters.queryOf(request.rawUri()));
        if ("get".equals(query.get("phonecfg"))) {
            return PhoneReply.ok("text/plain", status(query));
        }
        String key = query.get("key");
        if (key == null || key.isEmpty()) {
            return PhoneReply.status(400, "no key");
        }
        if (key.startsWith("number=")) {
            state.dialed(key.substring("number=".length()), query.get("outgoing_uri"));
        } else {
            for (String k : key.split(";")) {
                press(k);
            }
        }
        return PhoneReply.ok("text/plain", "OK");
    }

    private void press(String key) {
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

    /** vendors.md §1.2 layout; a section only when its flag is 1. */
    private String status(Map<String, String> query) {
        StringBuilder out = new StringBuilder("[Status]\nFirmwareVersion=").append(firmware).append('\n');
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
            out.append("[DND]\nState=").append(state.dnd() ? "On" : "Off").append('\n');
        }
        if ("1".equals(query.get("fw"))) {
            out.append("[Forward_always]\nState=Off\nTarget=\n[Forward_busy]\nState=Off\nTarget=\n")
                    .append("[Forward_noanswer]\nRingtimes=20\nState=Off\nTarget=\n");
        }
        return out.toString();
    }
}
