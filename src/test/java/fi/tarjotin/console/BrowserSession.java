package fi.tarjotin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through WebDriver (Debian's {@code chromium} and {@code chromium-driver};
 * {@code .ci/run} installs them), with an axe-core accessibility check that fails on any serious or critical
 * violation, and screenshots under {@code target/console-screenshots/}.
 */
final class BrowserSession implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final Duration FIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    final ChromeDriver driver;
    private final String baseUrl;
    private final ObjectMapper json = new ObjectMapper();

    BrowserSession(String baseUrl) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The console's browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install -y chromium chromium-driver; .ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=fi");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        this.baseUrl = baseUrl;
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /**
     * The element, waited for a moment (a form's answer may still be loading); when it stays missing, the page is
     * kept as target/console-screenshots/missing-element.html.
     */
    WebElement find(String css) {
        try {
            return new WebDriverWait(driver, FIND_TIMEOUT).ignoring(NoSuchElementException.class)
                    .until(loaded -> loaded.findElement(By.cssSelector(css)));
        } catch (TimeoutException e) {
            try {
                Files.createDirectories(SCREENSHOTS);
                Files.writeString(SCREENSHOTS.resolve("missing-element.html"), driver.getPageSource());
            } catch (IOException notKept) {
                e.addSuppressed(notKept);
            }
            throw new NoSuchElementException("no element " + css + " within " + FIND_TIMEOUT, e);
        }
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The element's text; an element replaced while it was read (a page or fragment loading) is found again. */
    String text(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                return find(css).getText();
            } catch (StaleElementReferenceException e) {
                if (attempt == 20) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the page a click or a form led to (the address matching the pattern), and fails if none comes. */
    void waitForUrl(String pattern) {
        new WebDriverWait(driver, FIND_TIMEOUT).until(ExpectedConditions.urlMatches(pattern));
    }

    void waitForText(String css, String text, Duration timeout) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Runs a same-origin request from the page (with the session cookie), answering "status\nbody". */
    String fetch(String method, String path) {
        return (String) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: arguments[1], credentials: 'same-origin', redirect: 'manual'})
                  .then(r => r.text().then(t => done(r.status + '\\n' + t)))
                  .catch(e => done('error\\n' + e));""", path, method);
    }

    void phoneWidth() {
        driver.manage().window().setSize(new Dimension(375, 812));
    }

    void desktopWidth() {
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    /**
     * The page does not scroll sideways: everything fits the window's width. A busy machine may lay the page out
     * before the window's new size reaches it, so the check waits a moment for the layout to settle, and names the
     * elements that stick out if it never does.
     */
    void assertFitsWidth() {
        long deadline = System.nanoTime() + FIND_TIMEOUT.toNanos();
        Number overflow = overflow();
        while (overflow.intValue() > 0 && System.nanoTime() < deadline) {
            pause();
            overflow = overflow();
        }
        Object sticking = script("""
                return Array.from(document.querySelectorAll('body *'))
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                        + (e.className ? '.' + e.className : '')).join(', ');""");
        assertThat(overflow.intValue()).as("page wider than the window on %s (%s)", driver.getCurrentUrl(), sticking)
                .isLessThanOrEqualTo(0);
    }

    private Number overflow() {
        return (Number) script("return document.documentElement.scrollWidth - window.innerWidth;");
    }

    /** Saves a screenshot of the window as target/console-screenshots/name.png. */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Injects axe-core and fails on any serious or critical WCAG 2.1 A/AA violation of the current page. */
    void assertAccessible() throws IOException {
        String axe;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(AXE)) {
            assertThat(in).as("axe-core on the test classpath").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        script(axe);
        String result = (String) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(r => done(JSON.stringify(r.violations)))
                  .catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));""");
        JsonNode violations = json.readTree(result);
        List<String> serious = new ArrayList<>();
        for (JsonNode violation : violations) {
            String impact = violation.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = new ArrayList<>();
                violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
                serious.add(impact + " " + violation.path("id").asText() + ": " + violation.path("help").asText()
                        + " at " + targets);
            }
        }
        assertThat(serious).as("axe-core violations on " + driver.getCurrentUrl()).isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
