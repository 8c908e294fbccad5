package dev.hookline.schema;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of Hookline's topics: the one source for the services, topic creation and
 * tests. Names are fixed by the architecture; a deployment may put a prefix in front of all.
 */
public final class Topics {

    static {
        SchemaTrust.install();
    }

    /** Partitions per topic unless configured otherwise. */
    public static final int DEFAULT_PARTITIONS = 12;
    /** Partitions per topic in the all-in-one local mode. */
    public static final int LOCAL_PARTITIONS = 3;

    public static final TopicSpec<RawPhoneRequest> PHONE_RAW =
            TopicSpec.deleted("phone.raw.v1", RawPhoneRequest.class, Duration.ofDays(7), "device id");
    public static final TopicSpec<PhoneEvent> PHONE_EVENTS =
            TopicSpec.deleted("phone.events.v1", PhoneEvent.class, Duration.ofDays(7), "device id");
    public static final TopicSpec<DeadLetter> PHONE_EVENTS_DLQ =
            TopicSpec.deleted("phone.events.dlq.v1", DeadLetter.class, Duration.ofDays(14), "device id or source address");
    public static final TopicSpec<CallSession> CALL_SESSIONS =
            TopicSpec.deleted("call.sessions.v1", CallSession.class, Duration.ofDays(30), "device id");
    public static final TopicSpec<CallState> CALL_STATE =
            TopicSpec.compacted("call.state.v1", CallState.class, "<device id>/<call key>");
    public static final TopicSpec<LineStatus> LINE_STATUS =
            TopicSpec.compacted("line.status.v1", LineStatus.class, "<device id>/<line>");
    public static final TopicSpec<DeviceState> DEVICE_STATE =
            TopicSpec.compacted("device.state.v1", DeviceState.class, "device id");
    /** Written and read by the processor: which phone a request without a MAC comes from. */
    public static final TopicSpec<DeviceAddress> DEVICE_ADDRESSES =
            TopicSpec.compacted("device.addresses.v1", DeviceAddress.class, "<tenant>/<address>, or <address>");
    public static final TopicSpec<PhoneCommand> PHONE_COMMANDS =
            TopicSpec.deleted("phone.commands.v1", PhoneCommand.class, Duration.ofDays(1), "device id");
    public static final TopicSpec<CommandResult> PHONE_COMMAND_RESULTS =
            TopicSpec.deleted("phone.command-results.v1", CommandResult.class, Duration.ofDays(7), "device id");

    /** All topics, in data-flow order. */
    public static final List<TopicSpec<?>> ALL = List.of(
            PHONE_RAW, PHONE_EVENTS, PHONE_EVENTS_DLQ, CALL_SESSIONS, CALL_STATE,
            LINE_STATUS, DEVICE_STATE, DEVICE_ADDRESSES, PHONE_COMMANDS, PHONE_COMMAND_RESULTS);

    private Topics() {
    }

    /** The catalogue entry for a topic name, with or without the given prefix. */
    public static Optional<TopicSpec<?>> byName(String topic, String prefix) {
        return ALL.stream()
                .filter(spec -> spec.name().equals(topic) || spec.name(prefix).equals(topic))
                .findFirst();
    }
}
