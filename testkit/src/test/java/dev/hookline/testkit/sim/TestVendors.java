package dev.hookline.testkit.sim;

import dev.hookline.schema.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * Two made-up vendors for the engine's tests (the testkit holds no real vendor data): "full"
 * reports every call event with a phone-internal call id, "basic" only the Aastra-like basics
 * with {@code $$NAME$$} variables and a line state.
 */
final class TestVendors {

    private TestVendors() {
    }

    static VendorTemplates full(String base) {
        String query = "?mac=$mac&ip=$ip&model=$model&local=$local&remote=$remote&call_id=$call_id"
                + "&display_remote=$display_remote";
        List<UrlTemplate> urls = new ArrayList<>();
        for (EventType type : List.of(EventType.SETUP_COMPLETED, EventType.REGISTERED, EventType.OFF_HOOK,
                EventType.ON_HOOK, EventType.INCOMING_CALL, EventType.OUTGOING_CALL, EventType.ESTABLISHED,
                EventType.TERMINATED, EventType.MISSED_CALL, EventType.REJECT_INCOMING_CALL,
                EventType.FORWARD_INCOMING_CALL, EventType.REMOTE_BUSY, EventType.CANCEL_CALL_OUT, EventType.HOLD,
                EventType.UNHOLD, EventType.ANSWER_NEW_INCOMING_CALL, EventType.BLIND_TRANSFER,
                EventType.TRANSFER_FINISHED)) {
            String event = type.name().toLowerCase(java.util.Locale.ROOT);
            urls.add(new UrlTemplate(event, List.of(type), base + "/full/" + event + query));
        }
        return new VendorTemplates("full", urls, new PhoneModel("F1", "1.2.3", "Full F1 1.2.3 {mac:}", "0a0b0c",
                "yealink"));
    }

    static VendorTemplates basic(String base) {
        String query = "?local=$$SIPUSERNAME$$&remote=$$REMOTENUMBER$$";
        List<UrlTemplate> urls = List.of(
                new UrlTemplate("registered", List.of(EventType.REGISTERED), base + "/basic/registered?local=$$SIPUSERNAME$$"),
                new UrlTemplate("regevent", List.of(EventType.REGISTERED, EventType.UNREGISTERED),
                        base + "/basic/regevent?local=$$SIPUSERNAME$$&state=$$REGISTRATIONSTATE$$"),
                new UrlTemplate("incoming", List.of(EventType.INCOMING_CALL), base + "/basic/incoming" + query),
                new UrlTemplate("outgoing", List.of(EventType.OUTGOING_CALL), base + "/basic/outgoing" + query),
                new UrlTemplate("offhook", List.of(EventType.OFF_HOOK), base + "/basic/offhook" + query),
                new UrlTemplate("onhook", List.of(EventType.ON_HOOK), base + "/basic/onhook" + query),
                new UrlTemplate("connected", List.of(EventType.ESTABLISHED), base + "/basic/connected" + query),
                new UrlTemplate("disconnected", List.of(EventType.TERMINATED),
                        base + "/basic/disconnected?local=$$SIPUSERNAME$$&state=$$LINESTATE$$"));
        return new VendorTemplates("basic", urls, new PhoneModel("B2", "9.9", "Basic B2 MAC:{MAC-} V:9.9", "0d0e0f",
                "aastra"));
    }
}
