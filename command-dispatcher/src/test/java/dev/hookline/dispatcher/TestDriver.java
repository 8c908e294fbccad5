package dev.hookline.dispatcher;

import dev.hookline.dispatcher.driver.AuthScheme;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.PhoneAnswer;
import dev.hookline.dispatcher.driver.PhoneDriver;
import dev.hookline.dispatcher.driver.PhoneHttpRequest;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.driver.Translation;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import java.util.Map;
import java.util.Optional;

/**
 * A vendor driver for tests: {@code GET /cmd?id=<commandId>&action=<action>[&number=..][&pwd=..]},
 * the password in the query on purpose (as Yealink's login prefix does) so tests can prove it
 * never leaks; REBOOT is unsupported; a number that is not digits is invalid.
 */
public final class TestDriver implements PhoneDriver {

    /** The vendor name test phones report, and the dialect this driver speaks. */
    public static final String VENDOR = "testvendor";

    @Override
    public String dialect() {
        return VENDOR;
    }

    @Override
    public Translation translate(PhoneCommand command, PhoneTarget target, Optional<Credentials> credentials) {
        if (command.getAction() == CommandAction.REBOOT) {
            return new Translation.Unsupported("test phones do not reboot");
        }
        String number = command.getNumber();
        if (number != null && !number.matches("[0-9*#+]{1,32}")) {
            return new Translation.Invalid("not a number: " + number);
        }
        String query = "/cmd?id=" + command.getCommandId() + "&action=" + command.getAction()
                + (number == null ? "" : "&number=" + number);
        String path = query + credentials.map(login -> "&pwd=" + login.password()).orElse("");
        String logged = query + credentials.map(login -> "&pwd=****").orElse("");
        return new Translation.Send(new PhoneHttpRequest("GET", path, Map.of(), null, AuthScheme.BASIC_OR_DIGEST,
                credentials, logged));
    }

    @Override
    public PhoneAnswer interpret(PhoneCommand command, int httpStatus, String body) {
        if (httpStatus >= 200 && httpStatus < 400) {
            return new PhoneAnswer(CommandStatus.DELIVERED, "HTTP " + httpStatus);
        }
        if (httpStatus == 401) {
            return new PhoneAnswer(CommandStatus.AUTH_FAILED, "the phone refused the login");
        }
        if (httpStatus == 403) {
            return new PhoneAnswer(CommandStatus.REJECTED, "the phone does not allow remote control");
        }
        if (httpStatus >= 500) {
            return new PhoneAnswer(null, "HTTP " + httpStatus);
        }
        return new PhoneAnswer(CommandStatus.FAILED, "HTTP " + httpStatus + ": " + body);
    }
}
