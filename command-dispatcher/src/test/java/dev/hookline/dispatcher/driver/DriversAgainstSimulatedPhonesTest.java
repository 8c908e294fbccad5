package dev.hookline.dispatcher.driver;

import static dev.hookline.dispatcher.driver.Commands.command;
import static dev.hookline.dispatcher.driver.Commands.dial;
import static dev.hookline.dispatcher.driver.Commands.keys;
import static dev.hookline.dispatcher.driver.Commands.sent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.dispatcher.driver.yealink.YealinkDriver;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.testkit.phones.ActionUriEndpoints;
import dev.hookline.testkit.phones.PhoneAuth;
import dev.hookline.testkit.phones.SimulatedPhone;
import dev.hookline.vendor.VendorCatalogue;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each driver's requests, sent to a simulated phone of its dialect, do what the command asked. */
class DriversAgainstSimulatedPhonesTest {

    private static final Credentials LOGIN = new Credentials("admin", "p&ss;w0rd");
    private static final Drivers DRIVERS = Drivers.builtIn();
    /** The dialects the tests below drive; every installed driver must be among them. */
    private static final Set<String> DRIVEN = Set.of("yealink", "hanlong", "snom", "aastra");
    private static Vertx vertx;

    @TempDir
    Path vendorsDir;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static SimulatedPhone phone(String dialect, String host, PhoneAuth auth) {
        return SimulatedPhone.builder(dialect).vertx(vertx).host(host).auth(auth).start();
    }

    @Test
    void everyInstalledDriverIsDrivenAgainstItsSimulatedPhone() {
        assertThat(Drivers.installed()).extracting(PhoneDriver::dialect).containsExactlyInAnyOrderElementsOf(DRIVEN);
        assertThat(ActionUriEndpoints.dialects()).containsExactlyInAnyOrderElementsOf(DRIVEN);
    }

    private static PhoneTarget target(SimulatedPhone phone, String vendor) {
        return new PhoneTarget("805ec0a1b2c3", vendor, null, phone.host(), phone.port());
    }

    /** Translates with the vendor's driver, sends, and reads the answer as the driver does. */
    private static PhoneAnswer run(PhoneDriver driver, PhoneTarget target, PhoneCommand command, Optional<Credentials> login) {
        PhoneHttpRequest request = sent(driver.translate(command, target, login));
        HttpResponse<String> response = TestPhoneSender.send(target, request);
        return driver.interpret(command, response.statusCode(), response.body());
    }

    private static PhoneAnswer run(PhoneTarget target, PhoneCommand command, Optional<Credentials> login) {
        return run(DRIVERS.forVendor(target.vendor()).orElseThrow(), target, command, login);
    }

    @Test
    void yealinkDialsSetsDndPressesKeysAndReportsStatus() {
        try (SimulatedPhone phone = phone("yealink", "127.0.0.11", PhoneAuth.basic("admin", "p&ss;w0rd"))) {
            PhoneTarget target = target(phone, "yealink");

            assertThat(run(target, dial("+49*12#", "1001@127.0.0.1"), Optional.of(LOGIN)).status())
                    .isEqualTo(CommandStatus.DELIVERED);
            assertThat(run(target, command(CommandAction.DND_ON), Optional.of(LOGIN)).status())
                    .isEqualTo(CommandStatus.DELIVERED);
            assertThat(run(target, keys("L1,5#"), Optional.of(LOGIN)).status()).isEqualTo(CommandStatus.DELIVERED);
            PhoneAnswer poll = run(target, command(CommandAction.POLL_STATUS), Optional.of(LOGIN));

            assertThat(phone.state().lastDialed()).isEqualTo("+49*12#");
            assertThat(phone.state().lastAccount()).isEqualTo("1001@127.0.0.1");
            assertThat(phone.state().dnd()).isTrue();
            assertThat(phone.state().keyPresses()).containsExactly("DNDOn", "L1", "5", "POUND");
            assertThat(poll).isEqualTo(new PhoneAnswer(CommandStatus.DELIVERED,
                    "HTTP 200; firmware 66.86.0.15, DND on, 1/1 accounts enabled"));
        }
    }

    @Test
    void yealinkTakesTheLoginInTheQuery() {
        try (SimulatedPhone phone = phone("yealink", "127.0.0.12", PhoneAuth.queryLogin("admin", "p&ss;w0rd"))) {
            PhoneTarget target = target(phone, "yealink");
            YealinkDriver driver = new YealinkDriver(YealinkDriver.Login.QUERY_PREFIX);

            assertThat(run(driver, target, command(CommandAction.ANSWER), Optional.of(LOGIN)).status())
                    .isEqualTo(CommandStatus.DELIVERED);
            assertThat(run(driver, target, command(CommandAction.ANSWER), Optional.of(new Credentials("admin", "x"))).status())
                    .isEqualTo(CommandStatus.AUTH_FAILED);
            assertThat(phone.state().answers()).isEqualTo(1);
        }
    }

    @Test
    void hanlongDialsFromAnAccountAndPressesAKey() {
        try (SimulatedPhone phone = phone("hanlong", "127.0.0.13", PhoneAuth.basic("admin", "p&ss;w0rd"))) {
            PhoneTarget target = target(phone, "sangoma");

            assertThat(run(target, dial("206", "2"), Optional.of(LOGIN)).status()).isEqualTo(CommandStatus.DELIVERED);
            assertThat(run(target, keys("#"), Optional.of(LOGIN)).status()).isEqualTo(CommandStatus.DELIVERED);
            assertThat(run(target, command(CommandAction.HANGUP), Optional.empty()).status())
                    .isEqualTo(CommandStatus.AUTH_FAILED);

            assertThat(phone.state().lastDialed()).isEqualTo("206");
            assertThat(phone.state().lastAccount()).isEqualTo("2");
            assertThat(phone.state().keyPresses()).containsExactly("POUND");
            assertThat(phone.state().hangups()).isZero();
        }
    }

    /** Snom phones ask for Digest when their http_scheme setting is on; a dial answers 302. */
    @Test
    void snomDialsThroughDigestAndCountsTheRedirectAsDelivered() {
        try (SimulatedPhone phone = phone("snom", "127.0.0.14", PhoneAuth.digest("admin", "p&ss;w0rd"))) {
            PhoneTarget target = target(phone, "snom");

            PhoneAnswer answer = run(target, dial("+49*1#"), Optional.of(LOGIN));
            run(target, keys("1*#"), Optional.of(LOGIN));
            run(target, command(CommandAction.DND_ON), Optional.of(LOGIN));

            assertThat(answer).isEqualTo(new PhoneAnswer(CommandStatus.DELIVERED, "HTTP 302"));
            assertThat(phone.state().lastDialed()).isEqualTo("+49*1#");
            assertThat(phone.state().keyPresses()).containsExactly("1", "*", "#");
            assertThat(phone.state().dnd()).isTrue();
            // Basic first, then Digest: two requests a command.
            assertThat(phone.requests()).hasSize(6);
        }
    }

    @Test
    void aastraDialsOnALineAndReboots() {
        try (SimulatedPhone phone = phone("mitel", "127.0.0.15", PhoneAuth.none())) {
            PhoneTarget target = target(phone, "mitel");

            assertThat(run(target, dial("*97#", "2"), Optional.of(LOGIN)).status()).isEqualTo(CommandStatus.DELIVERED);
            assertThat(run(target, command(CommandAction.REBOOT), Optional.empty()).status())
                    .isEqualTo(CommandStatus.DELIVERED);

            assertThat(phone.state().lastDialed()).isEqualTo("*97#");
            assertThat(phone.state().lastAccount()).isEqualTo("2");
            assertThat(phone.state().reboots()).isEqualTo(1);
            assertThat(phone.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
        }
    }

    @Test
    void failuresAndRefusalsReadAsRetryAndRejected() {
        try (SimulatedPhone phone = phone("yealink", "127.0.0.16", PhoneAuth.none())) {
            PhoneTarget target = target(phone, "yealink");
            phone.failNext(1, 503);

            PhoneAnswer failed = run(target, command(CommandAction.REBOOT), Optional.empty());
            PhoneAnswer retried = run(target, command(CommandAction.REBOOT), Optional.empty());
            phone.refuse(true);
            PhoneAnswer refused = run(target, command(CommandAction.REBOOT), Optional.empty());

            assertThat(failed.retryable()).isTrue();
            assertThat(failed.detail()).isEqualTo("HTTP 503");
            assertThat(retried.status()).isEqualTo(CommandStatus.DELIVERED);
            assertThat(refused.status()).isEqualTo(CommandStatus.REJECTED);
            assertThat(phone.state().reboots()).isEqualTo(1);
        }
    }

    /** A vendor only the user's folder knows, whose phones speak Yealink's dialect, is commanded with the Yealink driver. */
    @Test
    void aUserVendorOfTheYealinkDialectIsCommandedThroughTheYealinkDriver() throws Exception {
        Files.writeString(vendorsDir.resolve("acme.json"), UserVendors.descriptor("acme", "yealink"));
        DispatcherConfig config = new DispatcherConfig(Map.of(DispatcherConfig.VENDOR_DIR, vendorsDir.toString()));
        VendorCatalogue catalogue = VendorCatalogue.load(config.vendorDir());
        Drivers drivers = Drivers.load(catalogue, config);

        try (SimulatedPhone phone = SimulatedPhone.builder("acme", catalogue).vertx(vertx).host("127.0.0.17")
                .auth(PhoneAuth.basic("admin", "p&ss;w0rd")).start()) {
            PhoneTarget target = target(phone, "acme");
            PhoneDriver driver = drivers.forVendor("acme").orElseThrow();

            assertThat(driver).isInstanceOf(YealinkDriver.class);
            assertThat(phone.dialect()).isEqualTo("yealink");
            assertThat(run(driver, target, dial("1234"), Optional.of(LOGIN)).status()).isEqualTo(CommandStatus.DELIVERED);
            assertThat(phone.state().lastDialed()).isEqualTo("1234");
            assertThat(phone.requests()).singleElement().satisfies(r -> assertThat(r.rawUri()).startsWith("/servlet?key=number=1234"));
        }
    }
}
