package dev.hookline.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.deploy.kafka.TopicSnapshot;
import dev.hookline.gateway.device.DeviceId;
import dev.hookline.gateway.device.DeviceIdExtractor;
import dev.hookline.gateway.guard.Tokens;
import dev.hookline.processor.normalize.NormalizeResult;
import dev.hookline.processor.normalize.Normalizer;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.DeviceAddress;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.RawRef;
import dev.hookline.schema.Topics;
import dev.hookline.vendor.VendorCatalogue;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hookline explain REQUEST}: how Hookline reads one phone request, offline: the device id
 * the gateway gives it and why, then what the processor makes of it (the event and its fields)
 * or the dead-letter reason. Uses the same code as the services, with the same vendor folder.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show how one phone request is read: device id and why, vendor, event and every field, "
                + "or why it would go to the dead-letter topic. Offline: no broker needed.")
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REQUEST",
            description = "The request as the phone sends it: a URL (http://gw:8080/yealink/incoming_call?mac=...),"
                    + " a request target (/ring?remote=1002), or a scheme-less URL (10.0.0.5/mac=...&remote=...).")
    String request;

    @Option(names = "--user-agent", paramLabel = "UA", description = "The phone's User-Agent header.")
    String userAgent;

    @Option(names = "--from", paramLabel = "ADDRESS", defaultValue = "192.0.2.10",
            description = "The phone's address (default: ${DEFAULT-VALUE}, a documentation address).")
    String from;

    @Option(names = "--method", defaultValue = "GET", description = "The HTTP method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "The tenant the gateway tags the request with.")
    String tenant;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "For a request without a MAC: look up in device.addresses.v1 on this cluster which phone "
                    + "was last seen at --from, as the processor does.")
    String bootstrapServer;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Prefix of the topic names.")
    String topicPrefix;

    @Mixin
    VendorsDirOption vendorsDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        VendorCatalogue catalogue = vendorsDir.catalogue();
        RequestTarget target = RequestTarget.parse(request);
        Tokens.Stripped stripped = Tokens.strip(target.path(), target.query());
        DeviceId device = DeviceIdExtractor.of(catalogue).resolve(stripped.path(), stripped.query(), userAgent, from);
        RawPhoneRequest raw = RawPhoneRequest.newBuilder().setRequestId("explain").setReceivedAt(Instant.now())
                .setGatewayId("explain").setTenant(tenant).setDeviceId(device.value()).setSourceAddress(from).setSourcePort(0)
                .setMethod(method).setPath(stripped.path()).setQuery(stripped.query()).setUserAgent(userAgent)
                .setHeaders(Map.of()).setSource(EventSource.ACTION_URL).build();
        Normalizer.Explanation explanation = Normalizer.of(catalogue).explain(raw,
                RawRef.newBuilder().setTopic("explain").setPartition(0).setOffset(0).build());
        NormalizeResult result = explanation.result();

        PrintWriter out = spec.commandLine().getOut();
        line(out, "request", method + " " + stripped.path() + (stripped.query() == null ? "" : "?" + stripped.query())
                + (stripped.token().isPresent() ? "   (token removed, as the gateway does)" : ""));
        line(out, "user-agent", userAgent == null ? "(none)" : userAgent);
        line(out, "device id", device.value() + "   (" + why(device) + ")");
        if (device.source() == DeviceId.Source.SOURCE_ADDRESS && bootstrapServer != null) {
            line(out, "attributed to", lastSeenAt(from));
        }
        for (String reason : explanation.why()) {
            int colon = reason.indexOf(": ");
            line(out, "why " + reason.substring(0, colon), reason.substring(colon + 2));
        }
        if (result instanceof NormalizeResult.Normalized normalized) {
            for (PhoneEvent event : normalized.events()) {
                line(out, "event", event.getType() + "   (vendor " + (event.getVendor() == null ? "none" : event.getVendor())
                        + ")");
                fields(out, AvroJson.toJson(event));
            }
        } else if (result instanceof NormalizeResult.Rejected rejected) {
            line(out, "dead letter", rejected.errorCode() + ": " + rejected.reason());
        }
        out.flush();
        return result instanceof NormalizeResult.Normalized ? 0 : 1; // 1: a dead letter, which a descriptor can fix
    }

    /** The phone last seen with a MAC at {@code address}, as the address book on the cluster says. */
    private String lastSeenAt(String address) {
        Properties props = KafkaOptions.withCliDefaults(new Properties(), bootstrapServer);
        String prefix = topicPrefix == null ? "" : topicPrefix;
        AtomicReference<DeviceAddress> last = new AtomicReference<>();
        TopicSnapshot.read(props, Topics.DEVICE_ADDRESSES, Topics.DEVICE_ADDRESSES.name(prefix), 10_000_000L, a -> {
            if (a.getAddress().equals(address) && Objects.equals(a.getTenant(), tenant)
                    && (last.get() == null || !a.getSeenAt().isBefore(last.get().getSeenAt()))) {
                last.set(a);
            }
        }, undecodable -> { });
        DeviceAddress a = last.get();
        return a == null ? "nobody: no phone was seen with a MAC at " + address + (tenant == null ? "" : " (tenant " + tenant + ")")
                : a.getDeviceId() + "   (last seen there " + a.getSeenAt() + "; used while younger than the processor's "
                        + "identity.address.max.age.ms)";
    }

    private static String why(DeviceId device) {
        return switch (device.source()) {
            case QUERY -> "a MAC-carrying query parameter";
            case PATH -> "a MAC in the path";
            case USER_AGENT -> "the MAC in the User-Agent";
            case SOURCE_ADDRESS -> "no MAC in the request: the source address; the processor gives its events to the "
                    + "phone last seen with a MAC at this address, if any";
        };
    }

    /** Every field the event has, but those that only locate the raw record. */
    private static void fields(PrintWriter out, JsonNode event) {
        for (Map.Entry<String, JsonNode> field : event.properties()) {
            String name = field.getKey();
            if (field.getValue().isNull() || name.equals("eventId") || name.equals("rawRef") || name.equals("type")
                    || name.equals("occurredAt") || (field.getValue().isContainerNode() && field.getValue().isEmpty())) {
                continue;
            }
            line(out, "  " + name, field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
        }
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf("%-20s %s%n", label, value);
    }

    /** The path and query of what a user pastes: a URL, a request target, or a scheme-less URL. */
    record RequestTarget(String path, String query) {

        static RequestTarget parse(String text) {
            String s = text.strip();
            int scheme = s.indexOf("://");
            if (scheme > 0 && s.substring(0, scheme).chars().allMatch(Character::isLetter)) {
                s = s.substring(scheme + 3);
                s = s.indexOf('/') < 0 ? "/" : s.substring(s.indexOf('/'));
            } else if (!s.startsWith("/")) {
                // "10.0.0.5/mac=..." or "gw:8080/ring": a host before the first '/'
                s = s.indexOf('/') < 0 ? "/" + s : s.substring(s.indexOf('/'));
            }
            int q = s.indexOf('?');
            return q < 0 ? new RequestTarget(s, null) : new RequestTarget(s.substring(0, q), s.substring(q + 1));
        }
    }
}
