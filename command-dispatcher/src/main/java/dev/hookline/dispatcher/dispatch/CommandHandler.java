package dev.hookline.dispatcher.dispatch;

import dev.hookline.dispatcher.directory.PhoneDirectory;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.PhoneDriver;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.driver.Translation;
import dev.hookline.service.Networks;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to one command, cheapest and safest checks first, and sends it only when
 * all pass: already answered (skip), DUPLICATE, EXPIRED, UNKNOWN_DEVICE, REJECTED (address
 * outside the allowed networks), UNSUPPORTED (no driver, or the vendor cannot do it), INVALID
 * (the driver refuses the number or keys); then {@link Delivery}.
 */
public final class CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
    static final String UNKNOWN_VENDOR = "unknown";

    private final CommandLedger ledger;
    private final PhoneDirectory directory;
    private final Networks allowed;
    private final DriverLookup drivers;
    private final CredentialLookup credentials;
    private final Delivery delivery;
    private final Clock clock;
    private final Duration defaultExpiry;

    public CommandHandler(CommandLedger ledger, PhoneDirectory directory, Networks allowed, DriverLookup drivers,
                          CredentialLookup credentials, Delivery delivery, Clock clock, Duration defaultExpiry) {
        this.ledger = ledger;
        this.directory = directory;
        this.allowed = allowed;
        this.drivers = drivers;
        this.credentials = credentials;
        this.delivery = delivery;
        this.clock = clock;
        this.defaultExpiry = defaultExpiry;
    }

    /** The command's outcome; the future always succeeds. */
    public Future<Outcome> handle(PendingCommand pending) {
        try {
            return decide(pending);
        } catch (RuntimeException e) {
            // A bug or a failing driver must cost one command, not the dispatcher.
            LOG.error("Command {} failed unexpectedly ({})", pending.command().getCommandId(), e.getClass().getName());
            return publish(pending.command(), CommandStatus.FAILED, "internal error (" + e.getClass().getSimpleName() + ")",
                    UNKNOWN_VENDOR);
        }
    }

    private Future<Outcome> decide(PendingCommand pending) {
        PhoneCommand command = pending.command();
        if (ledger.answered(pending.position())) {
            return Future.succeededFuture(new Outcome.AlreadyAnswered());
        }
        Optional<PhoneTarget> found = directory.find(command.getDeviceId());
        if (!ledger.claim(command.getCommandId())) {
            return publish(command, CommandStatus.DUPLICATE, "command id " + command.getCommandId() + " was seen before",
                    vendorOf(found));
        }
        Instant deadline = deadline(command);
        if (clock.instant().isAfter(deadline)) {
            return publish(command, CommandStatus.EXPIRED, "expired at " + deadline, vendorOf(found));
        }
        if (found.isEmpty()) {
            return publish(command, CommandStatus.UNKNOWN_DEVICE, "no address known for device " + command.getDeviceId(),
                    UNKNOWN_VENDOR);
        }
        PhoneTarget target = found.get();
        String vendor = vendorOf(found);
        if (!allowed.allows(target.address())) {
            return publish(command, CommandStatus.REJECTED, "the phone's address " + target.address()
                    + " is outside the allowed networks", vendor);
        }
        Optional<PhoneDriver> driver = drivers.forVendor(target.vendor());
        if (driver.isEmpty()) {
            return publish(command, CommandStatus.UNSUPPORTED, "no driver for vendor " + vendor, vendor);
        }
        Optional<Credentials> login = credentials.lookup(target);
        Translation translation = driver.get().translate(command, target, login);
        if (translation instanceof Translation.Unsupported unsupported) {
            return publish(command, CommandStatus.UNSUPPORTED, Redaction.scrub(unsupported.reason(), login), vendor);
        }
        if (translation instanceof Translation.Invalid invalid) {
            return publish(command, CommandStatus.INVALID, Redaction.scrub(invalid.reason(), login), vendor);
        }
        Translation.Send send = (Translation.Send) translation;
        return delivery.deliver(command, target, driver.get(), send.request(), deadline)
                .map(result -> new Outcome.Publish(result, vendor));
    }

    /** The metrics label: the phone's vendor, "unknown" when there is no phone or no vendor. */
    private static String vendorOf(Optional<PhoneTarget> target) {
        return target.map(PhoneTarget::vendor).filter(vendor -> !vendor.isEmpty()).orElse(UNKNOWN_VENDOR);
    }

    /** {@code expiresAt}, or {@code requestedAt} plus the default lifetime. */
    Instant deadline(PhoneCommand command) {
        return command.getExpiresAt() != null ? command.getExpiresAt() : command.getRequestedAt().plus(defaultExpiry);
    }

    private Future<Outcome> publish(PhoneCommand command, CommandStatus status, String detail, String vendor) {
        return Future.succeededFuture(new Outcome.Publish(
                CommandResults.of(command, status, null, 0, detail, clock.instant()), vendor));
    }
}
