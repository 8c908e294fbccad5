package dev.hookline.testkit.phones;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code aastra} dialect: Aastra / Mitel XML push as the Aastra XML API developer guide
 * describes it: {@code POST /} with {@code xml=<AastraIPPhoneExecute>} holding
 * {@code ExecuteItem URI="Dial:N"}, {@code "DialLine:L:N"}, {@code "Key:K"} or
 * {@code "Command: Reset"}. The guide says the XML is sent raw ({@code text/xml}); a form-encoded
 * body is accepted too and decoded.
 */
public final class AastraEndpoint implements ActionUriEndpoint {

    private static final Pattern ITEM = Pattern.compile("<ExecuteItem\\s+URI=\"([^\"]*)\"\\s*/>");
    private static final Pattern DIAL_LINE = Pattern.compile("DialLine:([0-9]+):(.+)");

    @Override
    public String dialect() {
        return "aastra";
    }

    @Override
    public PhoneReply handle(ReceivedRequest request, PhoneSetup phone) {
        if (!request.method().equals("POST")) {
            return PhoneReply.status(405, "POST only");
        }
        if (!request.rawUri().equals("/")) {
            return PhoneReply.status(404, "not found");
        }
        String body = request.body();
        if (!body.startsWith("xml=")) {
            return PhoneReply.status(400, "no xml=");
        }
        String xml = body.substring(4);
        String contentType = request.header("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            xml = QueryParameters.decode(xml.replace('+', ' '));
        }
        if (!xml.contains("<AastraIPPhoneExecute")) {
            return PhoneReply.status(400, "not an AastraIPPhoneExecute");
        }
        List<String> uris = new ArrayList<>();
        Matcher m = ITEM.matcher(xml);
        while (m.find()) {
            uris.add(unescape(m.group(1)));
        }
        uris.forEach(uri -> execute(uri, phone.state()));
        return PhoneReply.ok("text/xml", "<AastraIPPhoneResponse/>");
    }

    private static void execute(String uri, PhoneState state) {
        Matcher line = DIAL_LINE.matcher(uri);
        if (line.matches()) {
            state.dialed(line.group(2), line.group(1));
        } else if (uri.startsWith("Dial:")) {
            state.dialed(uri.substring(5), null);
        } else if (uri.startsWith("Key:")) {
            String key = uri.substring(4);
            state.pressed(key);
            switch (key) {
                case "Goodbye" -> state.hungUp();
                case "Hold" -> state.toggleHold();
                default -> {
                    // Any other key is only recorded.
                }
            }
        } else if (uri.replace(" ", "").equals("Command:Reset")) {
            state.rebooted();
        }
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
