package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.processor.StreamProcessorApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live view in a real browser against two processor instances of one application, each
 * owning some of eight phones: the page of instance A shows every phone, and a call on a phone
 * that B owns shows on its tile within seconds. Then A, the instance the page is connected to,
 * is closed and a new instance started on its port (and state folder): the page says
 * "reconnecting", then "live" again; a call that ended while it was cut off is gone from its
 * tile, one that came in for a phone of A while A was down rings on its tile, and changes made
 * after the restart show on theirs.
 */
class LiveViewReconnectIT {

    private static final int PHONES = 8;
    private static final String USER_AGENT = "Yealink SIP-T46S 66.86.0.15";
    private static final String ANSWERED_BY = "X-Hookline-Answered-By";
    /** How long a change may take from the phone's request to its tile ("within a few seconds", on a busy machine). */
    private static final Duration CHANGE_SHOWS = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private OneBrokerPipeline pipeline;
    private WebDriver browser;
    private final long testStart = System.nanoTime();

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void pageOfOneInstanceShowsBothSharesAndFollowsItsRestart() throws Exception {
        Map<String, Object> settings = Map.of(
                "application.id", "live-reconnect",
                "query.auth.enabled", "false",
                "query.advertised.host", "127.0.0.1");
        int portA = LocalPorts.findFree("127.0.0.1");
        Path stateA = temp.resolve("state-a");
        StreamProcessorApp a = null;
        try (OneBrokerPipeline started = OneBrokerPipeline.start(temp.resolve("pipeline"), 4, settings)) {
            pipeline = started;
            int portB = pipeline.processor().queryPort();
            a = pipeline.startProcessor(stateA, portA);
            log("broker, gateway and two processor instances (A :%d, B :%d) running", portA, portB);

            for (int phone = 0; phone < PHONES; phone++) {
                phone("registered", phone, "");
            }
            Map<String, Boolean> ownedByA = awaitBothOwnPhones(portA);
            List<Integer> ofA = phonesWhere(ownedByA, true);
            List<Integer> ofB = phonesWhere(ownedByA, false);
            log("A owns phones %s, B owns phones %s", ofA, ofB);

            // The page of A shows every phone, both instances' shares.
            browser = Browser.start();
            browser.get("http://127.0.0.1:" + portA + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));
            Set<String> allMacs = new TreeSet<>(IntStream.range(0, PHONES).mapToObj(LiveViewReconnectIT::mac).toList());
            until(wait, "every phone's tile on the page of A",
                    driver -> devicesOnTiles(driver).equals(allMacs) && "live".equals(connection(driver)));

            // A call on a phone of B, started after the page loaded, shows on its tile.
            int callerOfB = ofB.get(0);
            WebDriverWait quick = new WebDriverWait(browser, CHANGE_SHOWS, Duration.ofMillis(100));
            phone("incoming_call", callerOfB, "&remote=sip:2002@pbx&call_id=1");
            until(quick, "ringing on the tile of phone " + callerOfB + " (owned by B)",
                    driver -> "ringing".equals(stateOf(driver, mac(callerOfB))));
            phone("call_established", callerOfB, "&remote=sip:2002@pbx&call_id=1");
            until(quick, "in-call on its tile", driver -> "in-call".equals(stateOf(driver, mac(callerOfB))));

            // A goes away: the page notices. While it is cut off, the call on B's phone ends (B takes it
            // in), and a call comes in on a phone of A (it waits in phone.raw for the new instance).
            long closing = System.nanoTime();
            a.close();
            a = null;
            log("A closed in %.1f s", seconds(closing));
            until(wait, "reconnecting on the page", driver -> "reconnecting".equals(connection(driver)));
            phone("call_terminated", callerOfB, "&remote=sip:2002@pbx&call_id=1");
            int calledOfA = ofA.get(0);
            phone("incoming_call", calledOfA, "&remote=sip:2004@pbx&call_id=3");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> !activeCallsOnB(portB).contains(mac(callerOfB)));
            assertThat(connection(browser)).as("the page while A is down").isEqualTo("reconnecting");
            assertThat(stateOf(browser, mac(callerOfB))).as("the tile while A is down").isEqualTo("in-call");

            // A new instance on A's port and state folder: the page is live again and up to date.
            long restarting = System.nanoTime();
            a = pipeline.startProcessor(stateA, portA);
            log("the new A running %.1f s after its start", seconds(restarting));
            until(wait, "live again on the page", driver -> "live".equals(connection(driver)));
            log("from closing A until the page was live again: %.1f s", seconds(closing));
            until(quick, "the call that ended while the page was cut off gone from its tile",
                    driver -> "available".equals(stateOf(driver, mac(callerOfB))));
            until(quick, "the call that came in while A was down ringing on the tile of phone " + calledOfA,
                    driver -> "ringing".equals(stateOf(driver, mac(calledOfA))));

            // Changes after the restart show, whichever instance owns the phone.
            Map<String, Boolean> ownedByNewA = awaitBothOwnPhones(portA);
            log("after the restart A owns phones %s", phonesWhere(ownedByNewA, true));
            int quietOfNewA = other(phonesWhere(ownedByNewA, true), calledOfA);
            int calleeOfB = other(phonesWhere(ownedByNewA, false), callerOfB);
            phone("dnd_on", quietOfNewA, "");
            until(quick, "DND on the tile of phone " + quietOfNewA + " (owned by the new A)", driver ->
                    "dnd".equals(stateOf(driver, mac(quietOfNewA))) && badgesOf(driver, mac(quietOfNewA)).contains("DND"));
            phone("incoming_call", calleeOfB, "&remote=sip:2003@pbx&call_id=2");
            until(quick, "ringing on the tile of phone " + calleeOfB + " (owned by B)",
                    driver -> "ringing".equals(stateOf(driver, mac(calleeOfB))));
            assertThat(connection(browser)).isEqualTo("live");
        } finally {
            if (browser != null) {
                browser.quit();
            }
            if (a != null) {
                a.close();
            }
        }
        log("took %.1f s in all", seconds(testStart));
    }

    // ------------------------------------------------------------------ phones

    /** A Yealink phone's MAC; its line is sip:10NN@pbx. */
    private static String mac(int phone) {
        return String.format("805ec000a0%02x", phone);
    }

    /** One request of a phone to the gateway, naming its line. */
    private void phone(String event, int phone, String parameters) throws Exception {
        String path = "/yealink/" + event + "?mac=" + mac(phone) + "&local=sip:" + (1001 + phone) + "@pbx" + parameters;
        assertThat(pipeline.get(path, USER_AGENT)).as(path).isEqualTo(200);
    }

    /** Asks A for each phone until all answer and each instance owns some: phone -> whether A answered itself. */
    private static Map<String, Boolean> awaitBothOwnPhones(int portA) {
        long start = System.nanoTime();
        Map<String, Boolean> ownedByA = new TreeMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            ownedByA.clear();
            for (int phone = 0; phone < PHONES; phone++) {
                HttpResponse<String> answer = query(portA, "/api/devices/" + mac(phone));
                assertThat(answer.statusCode()).as("A's answer for phone %d: %s", phone, answer.body()).isEqualTo(200);
                ownedByA.put(mac(phone), answer.headers().firstValue(ANSWERED_BY).isEmpty());
            }
            assertThat(ownedByA).as("phones A owns (true) or forwards to B (false)").containsValue(true).containsValue(false);
        });
        log("both instances answer and own phones after %.1f s", seconds(start));
        return ownedByA;
    }

    private static List<Integer> phonesWhere(Map<String, Boolean> ownedByA, boolean byA) {
        List<Integer> phones = new ArrayList<>();
        for (int phone = 0; phone < PHONES; phone++) {
            if (ownedByA.get(mac(phone)) == byA) {
                phones.add(phone);
            }
        }
        return phones;
    }

    /** One of the phones other than the one given (the preferred, when it is the only one). */
    private static int other(List<Integer> phones, int besides) {
        return phones.stream().filter(phone -> phone != besides).findFirst().orElse(phones.get(0));
    }

    /** The phones with a call in B's own share (B alone: A may be down). */
    private static Set<String> activeCallsOnB(int portB) throws Exception {
        HttpResponse<String> answer = query(portB, "/api/calls/active?scope=local");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Set<String> phones = new TreeSet<>();
        JSON.readTree(answer.body()).path("calls").forEach(call -> phones.add(call.path("deviceId").asText()));
        return phones;
    }

    private static HttpResponse<String> query(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------ the page

    private static String connection(WebDriver browser) {
        return script(browser, "return document.getElementById('connection').textContent;", String.class::cast);
    }

    private static Set<String> devicesOnTiles(WebDriver browser) {
        List<?> devices = script(browser, "return [...document.querySelectorAll('#tiles .tile')]"
                + ".map(tile => tile.dataset.device);", List.class::cast);
        Set<String> macs = new TreeSet<>();
        devices.forEach(device -> macs.add(String.valueOf(device)));
        return macs;
    }

    /** The data-state of the phone's tile (each phone here has one line), null without a tile. */
    private static String stateOf(WebDriver browser, String mac) {
        return script(browser, "const tile = document.querySelector(`#tiles .tile[data-device='${arguments[0]}']`);"
                + " return tile ? tile.dataset.state : null;", String.class::cast, mac);
    }

    /** Each tile's phone, state and badges. */
    private static Object tileStates(WebDriver browser) {
        return script(browser, "return [...document.querySelectorAll('#tiles .tile')].map(tile => tile.dataset.device"
                + " + ' ' + tile.dataset.state + [...tile.querySelectorAll('.badge')].map(b => ' ' + b.textContent).join(''));",
                Function.identity());
    }

    private static List<?> badgesOf(WebDriver browser, String mac) {
        return script(browser, "const tile = document.querySelector(`#tiles .tile[data-device='${arguments[0]}']`);"
                + " return tile ? [...tile.querySelectorAll('.badge')].map(badge => badge.textContent) : [];",
                List.class::cast, mac);
    }

    private static <T> T script(WebDriver browser, String script, Function<Object, T> as, Object... arguments) {
        return as.apply(((JavascriptExecutor) browser).executeScript(script, arguments));
    }

    // ------------------------------------------------------------------ timings

    /** Waits for the page to show something; logs how long it took, or fails saying what the page showed. */
    private void until(WebDriverWait wait, String what, Function<WebDriver, Boolean> shown) {
        long start = System.nanoTime();
        wait.withMessage(() -> what + "; the page showed " + connection(browser) + " " + tileStates(browser)).until(shown);
        log("%s after %.1f s", what, seconds(start));
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void log(String format, Object... arguments) {
        System.out.printf("LiveViewReconnectIT: " + format + "%n", arguments);
    }
}
