package dev.hookline.deploy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hookline.deploy.HooklineException;
import dev.hookline.deploy.kafka.CommandClient;
import dev.hookline.gateway.device.IpKeys;
import dev.hookline.service.Macs;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hookline command DEVICE ACTION [ARG]}: publishes one command and, with --wait, prints its result. */
@Command(name = "command", mixinStandardHelpOptions = true,
        description = "Send a command to a phone (through phone.commands.v1 and the dispatcher); with --wait, print its result.",
        footer = {"", "Examples:",
                "  hookline command 805ec0a1b2c3 DIAL 1002 --wait",
                "  hookline command 80:5e:c0:a1:b2:c3 SEND_KEYS '1,2,3,OK'",
                "  hookline command 805ec0a1b2c3 POLL_STATUS --wait"})
public final class CommandCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEVICE", description = "The phone's MAC (any spelling) or device id.")
    String device;

    @Parameters(index = "1", paramLabel = "ACTION", description = "One of: ${COMPLETION-CANDIDATES} (case-insensitive).",
            converter = ActionConverter.class, completionCandidates = Actions.class)
    CommandAction action;

    @Parameters(index = "2", arity = "0..1", paramLabel = "ARG",
            description = "The number for DIAL and TRANSFER, the keys for SEND_KEYS.")
    String argument;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "The account (line) to dial from.")
    String account;

    @Option(names = "--expires-in", paramLabel = "DURATION", defaultValue = "PT60S",
            description = "Not sent after this long (default: ${DEFAULT-VALUE}).")
    Duration expiresIn;

    @Option(names = "--wait", description = "Wait for the command's result and print it; exit 1 unless DELIVERED.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT90S",
            description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    FormatOptions formats;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    /** Picocli's completion list for ACTION. */
    static final class Actions implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(CommandAction.values()).map(Enum::name).iterator();
        }
    }

    /** ACTION in any case. */
    static final class ActionConverter implements picocli.CommandLine.ITypeConverter<CommandAction> {
        @Override
        public CommandAction convert(String value) {
            try {
                return CommandAction.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is no action; expected one of "
                        + Arrays.toString(CommandAction.values()));
            }
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        String deviceId = deviceId(device);
        Instant now = Instant.now();
        PhoneCommand command = PhoneCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setDeviceId(deviceId)
                .setAction(action)
                .setNumber(action == CommandAction.DIAL || action == CommandAction.TRANSFER ? required("a number") : null)
                .setKeys(action == CommandAction.SEND_KEYS ? required("the keys") : null)
                .setAccount(account)
                .setRequestedAt(now)
                .setExpiresAt(now.plus(expiresIn))
                .setRequestedBy("hookline-cli:" + System.getProperty("user.name", "unknown"))
                .build();
        PrintWriter out = spec.commandLine().getOut();
        try (CommandClient client = new CommandClient(kafka.clientProperties(), kafka.topicPrefix(), formats.formats())) {
            if (!await) {
                client.send(command);
                out.println("sent command " + command.getCommandId() + " (" + action + " to " + deviceId + ")");
                out.flush();
                return 0;
            }
            Optional<CommandResult> result = client.sendAndAwait(command, timeout);
            if (result.isEmpty()) {
                throw new HooklineException("no result for command " + command.getCommandId() + " within " + timeout
                        + "; is a dispatcher running (hookline dispatcher, or hookline local)?");
            }
            out.println(AvroJson.MAPPER.writeValueAsString(AvroJson.toJson(result.get())));
            out.flush();
            return result.get().getStatus() == CommandStatus.DELIVERED ? 0 : 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String required(String what) {
        if (argument == null || argument.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), action + " needs " + what + " (ARG)");
        }
        return argument;
    }

    private static String deviceId(String given) {
        if (given.startsWith(IpKeys.PREFIX)) {
            return given;
        }
        return Macs.normalize(given).orElseThrow(() -> new HooklineException("'" + given
                + "' is not a MAC address (12 hex digits, any separators) nor an ip-... device id"));
    }
}
