package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.processor.query.access.UsersFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live view in a real browser (Debian's headless Chromium through its chromedriver) against
 * {@code hookline local --simulate 50} with access control on: the tiles show the simulated
 * calls as they happen, a filter narrows them, a dial from the page reaches a simulated phone and
 * its result shows, and a user without the command role sees no command buttons and is refused
 * by the API. Saves the screenshots of the README under docs/images/.
 */
class LiveViewBrowserIT {

    private static final Duration READY = Duration.ofSeconds(150);
    private static final Path IMAGES = Path.of("..", "docs", "images");

    @TempDir
    Path temp;

    @Test
    void operatorsShouldSeeCallsFilterAndDialWhileViewersOnlyLook() throws Exception {
        Path users = temp.resolve("users");
        Files.writeString(users, "user operator read,command " + UsersFile.hashPassword("operator-password") + "\n"
                + "user viewer read " + UsersFile.hashPassword("viewer-password") + "\n");
        int kafkaPort = LocalPorts.findFree("localhost");
        int viewPort = LocalPorts.findFree("127.0.0.1");
        try (LocalModeProcess local = LocalModeProcess.start(temp.resolve("data"), kafkaPort, temp.resolve("local.log"),
                "--simulate", "50",
                "--gateway-port", Integer.toString(LocalPorts.findFree("localhost")),
                "--gateway-management-port", Integer.toString(LocalPorts.findFree("localhost")),
                "--processor-port", Integer.toString(viewPort),
                "--dispatcher-port", Integer.toString(LocalPorts.findFree("localhost")),
                "--set", "query.auth.enabled=true", "--set", "query.users.file=" + users).awaitReady(READY)) {
            assertThat(local.output()).contains("live view http://127.0.0.1:" + viewPort + "/");
            WebDriver browser = Browser.start();
            try {
                String page = "http://127.0.0.1:" + viewPort + "/";
                signIn(browser, page, "operator", "operator-password");
                // The page redraws the tiles in sight as events come (and every second): an element found
                // may be replaced before it is read or clicked, and is then looked up again.
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofMillis(250));
                wait.ignoring(StaleElementReferenceException.class);

                // Tiles of the simulated phones' lines, and calls among them as they happen.
                wait.until(driver -> tiles(driver).size() >= 20);
                wait.until(driver -> tiles(driver).stream().anyMatch(tile -> Set.of("ringing", "in-call", "held")
                        .contains(tile.getDomAttribute("data-state"))));
                Map<String, String> before = states(browser);
                wait.until(driver -> !states(driver).equals(before));
                wait.until(driver -> !driver.findElements(By.cssSelector("#recent-calls li")).isEmpty());
                assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");
                Files.createDirectories(IMAGES);
                Files.write(IMAGES.resolve("live-view.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

                // A filter by one phone's MAC narrows the tiles to that phone's lines.
                String device = tiles(browser).get(0).getDomAttribute("data-device");
                browser.findElement(By.id("filter")).sendKeys(device);
                wait.until(driver -> tiles(driver).stream().allMatch(tile -> device.equals(tile.getDomAttribute("data-device")))
                        && !tiles(driver).isEmpty());
                browser.findElement(By.id("filter")).clear();
                browser.findElement(By.id("filter")).sendKeys(" ");
                wait.until(driver -> tiles(driver).size() >= 20);

                // Dial from a Yealink phone's tile: the dispatcher calls the simulated phone, the result shows.
                String yealink = firstDeviceOf(browser, "yealink");
                browser.findElement(By.id("filter")).clear();
                browser.findElement(By.id("filter")).sendKeys(yealink);
                wait.until(driver -> {
                    WebElement dial = tiles(driver).stream()
                            .flatMap(tile -> tile.findElements(By.cssSelector("button[data-action='DIAL']")).stream())
                            .findFirst().orElse(null);
                    if (dial == null) {
                        return false;
                    }
                    dial.click();
                    return true;
                });
                wait.until(ExpectedConditions.alertIsPresent()).sendKeys("1002");
                browser.switchTo().alert().accept();
                WebElement toast = wait.until(driver -> driver.findElements(By.cssSelector(".toast[data-status]")).stream()
                        .findFirst().orElse(null));
                assertThat(toast.getDomAttribute("data-status")).isEqualTo("DELIVERED");
                Files.write(IMAGES.resolve("live-view-dial.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

                // On a phone's screen: two tiles a row, the filters above them.
                browser.findElement(By.id("filter")).clear();
                browser.findElement(By.id("filter")).sendKeys(" ");
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
                wait.until(driver -> {
                    List<WebElement> shown = tiles(driver);
                    return shown.size() >= 4 && shown.stream().allMatch(tile -> tile.getRect().getX() + tile.getRect().getWidth()
                            <= driver.findElement(By.id("tiles-viewport")).getRect().getWidth() + 30);
                });
                Files.write(IMAGES.resolve("live-view-phone.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));

                // A viewer: no command buttons, and the API refuses a command from the page.
                ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
                signIn(browser, page, "viewer", "viewer-password");
                wait.until(driver -> tiles(driver).size() >= 20);
                assertThat(browser.findElements(By.cssSelector(".tile button"))).isEmpty();
                Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch('/api/commands', {method: 'POST', headers: {'Content-Type': 'application/json',"
                                + " 'Authorization': sessionStorage.getItem('hookline.credential')},"
                                + " body: JSON.stringify({deviceId: arguments[0], action: 'DND_ON'})})"
                                + ".then(r => done(r.status), e => done(String(e)));", yealink);
                assertThat(status).isEqualTo(403L);
            } finally {
                browser.quit();
            }
        }
    }

    private static void signIn(WebDriver browser, String page, String user, String password) {
        browser.get(page);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user"))).sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(password);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("main")));
    }

    private static List<WebElement> tiles(WebDriver browser) {
        return browser.findElements(By.cssSelector("#tiles .tile"));
    }

    private static Map<String, String> states(WebDriver browser) {
        @SuppressWarnings("unchecked")
        Map<String, String> states = (Map<String, String>) ((JavascriptExecutor) browser).executeScript(
                "const m = {}; document.querySelectorAll('#tiles .tile').forEach(t => m[t.dataset.key] = t.dataset.state"
                        + " + '|' + t.querySelector('.party').textContent); return m;");
        return states;
    }

    /** A phone of the vendor, from the page's own model (every phone, not only the tiles in sight). */
    private static String firstDeviceOf(WebDriver browser, String vendor) {
        Object device = ((JavascriptExecutor) browser).executeScript(
                "for (const d of window.hookline.model.devices.values()) if (d.vendor === arguments[0]) return d.deviceId;"
                        + " return null;", vendor);
        assertThat(device).as("a " + vendor + " phone among the simulated ones").isNotNull();
        return device.toString();
    }
}
