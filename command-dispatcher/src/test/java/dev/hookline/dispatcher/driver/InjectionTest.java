package dev.hookline.dispatcher.driver;

import static dev.hookline.dispatcher.driver.Commands.TARGET;
import static dev.hookline.dispatcher.driver.Commands.WITH_LOGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.driver.yealink.YealinkDriver;
import dev.hookline.schema.CommandAction;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Nothing in a command reaches a URL or body except through a driver's validation. */
class InjectionTest {

    /** Each carries the marker "EVIL" so a leak is visible, and a character that could change the request. */
    private static final List<String> PAYLOADS = List.of("1&EVIL=1", "1;EVIL", "1?EVIL", "1/EVIL", "1 EVIL", "1\r\nEVIL: x",
            "1%26EVIL", "1#EVIL", "EVIL@host/x", "1\"/><EVIL/>", "1\u0000EVIL", "OK,EVIL&x", "L1;Reboot&EVIL");

    /** Every installed driver, and Yealink once more with the login in the query. */
    private static final List<PhoneDriver> DRIVERS = java.util.stream.Stream.concat(Drivers.installed().stream(),
            java.util.stream.Stream.of(new YealinkDriver(YealinkDriver.Login.QUERY_PREFIX))).toList();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (PhoneDriver driver : DRIVERS) {
            for (CommandAction action : CommandAction.values()) {
                for (String payload : PAYLOADS) {
                    cases.add(Arguments.of(driver, action, payload));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void shouldNeverSendAPayload(PhoneDriver driver, CommandAction action, String payload) {
        Translation[] translations = {
                driver.translate(Commands.command(action, payload, null, "OK"), TARGET, WITH_LOGIN),
                driver.translate(Commands.command(action, "100", payload, "OK"), TARGET, WITH_LOGIN),
                driver.translate(Commands.command(action, "100", null, payload), TARGET, WITH_LOGIN)};

        for (Translation translation : translations) {
            if (translation instanceof Translation.Send send) {
                PhoneHttpRequest request = send.request();
                assertThat(request.pathAndQuery()).doesNotContain("EVIL").doesNotContain(" ").doesNotContain("\r")
                        .doesNotContain("\n");
                assertThat(request.body() == null ? "" : request.body()).doesNotContain("EVIL");
            }
        }
    }
}
