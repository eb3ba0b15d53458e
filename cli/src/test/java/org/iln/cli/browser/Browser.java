package org.iln.cli.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.iln.cli.ScratchFolder;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, both named explicitly so Selenium
 * Manager never downloads anything. Without them, tests fail in CI ({@code CI=true}) and are
 * skipped, with the reason, elsewhere.
 */
final class Browser {

    static final Path CHROMIUM = Path.of(System.getProperty("iln.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("iln.chromedriver", "/usr/bin/chromedriver"));
    static final Dimension PHONE = new Dimension(390, 844);
    static final Dimension DESKTOP = new Dimension(1366, 900);

    private Browser() {
    }

    /** Fails (CI) or skips (elsewhere) when Chromium or its driver is missing. */
    static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + ": install them with `apt-get install chromium chromium-driver` (.ci/run does).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort("SKIPPED: " + message);
    }

    /** A fresh headless Chromium with its own profile, deleted when the driver quits; JavaScript on or off. */
    static ChromeDriver start(boolean javascript) {
        requireChromium();
        ScratchFolder profile = ScratchFolder.create("iln-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.path(), "--window-size=1366,900");
        // The console, so that a test can fail on a Content-Security-Policy violation (cspViolations).
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        if (!javascript) {
            options.addArguments("--blink-settings=scriptEnabled=false");
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options) {
                @Override
                public void quit() {
                    try {
                        super.quit();
                    } finally {
                        profile.close();
                    }
                }
            };
        } catch (RuntimeException e) {
            profile.close();
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Sets the viewport (not the window) to exactly this size, as a phone or desktop would have it. */
    static void viewport(ChromeDriver driver, Dimension size) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", size.width, "height", size.height, "deviceScaleFactor", 1,
                "mobile", size.width < 600));
    }

    /**
     * The console messages about a Content-Security-Policy violation since the last call (reading
     * the console empties it). The dev server sends the production headers, so a page, script or
     * style that production would refuse shows up here.
     */
    static List<String> cspViolations(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Content-Security-Policy"))
                .toList();
    }

    /** Fails when a page loaded in {@code driver} since the last check broke the Content-Security-Policy. */
    static void assertNoCspViolation(ChromeDriver driver) {
        if (driver != null) {
            Assertions.assertEquals(List.of(), cspViolations(driver), "Content-Security-Policy violations in the console");
        }
    }

    static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    /** axe-core's script, from cli's npm packages: missing, the test fails in CI and is skipped elsewhere. */
    static String axeSource() {
        Path axe = Path.of("node_modules/axe-core/axe.min.js");
        if (!Files.isRegularFile(axe)) {
            String message = "axe-core is missing (" + axe.toAbsolutePath() + "): run `npm ci --prefix cli` (.ci/run does)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort("SKIPPED: " + message);
        }
        try {
            return Files.readString(axe, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe's WCAG 2.2 A/AA violations on the page the driver (with JavaScript) shows, as "id: help (targets)". */
    static List<String> axeViolations(ChromeDriver driver, String axe) {
        @SuppressWarnings("unchecked")
        Map<String, Object> results = (Map<String, Object>) driver.executeAsyncScript(axe
                + "\n;var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                + ".then(function (r) { done({violations: r.violations.map(function (v) { return v.id + ': ' + v.help"
                + " + ' (' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', ') + ')'; })}); })"
                + ".catch(function (e) { done({error: String(e)}); });", WCAG_TAGS);
        Assertions.assertNull(results.get("error"), "axe ran");
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) results.get("violations");
        return violations;
    }

    /** Clicks a field after scrolling it into view; a box already ticked stays ticked. */
    static void click(ChromeDriver driver, By by) {
        WebElement element = driver.findElement(by);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        if (!element.isSelected()) {
            element.click();
        }
    }

    /**
     * Clicks a button that sends a form, waits for the page it was on to go, then for an address
     * containing {@code urlPart}. Why the first wait: when the answer's address is the one the page
     * already has (a form sent twice), {@link #waitFor} alone returns before the answer arrives.
     */
    static void submitAndWaitFor(ChromeDriver driver, WebElement button, String urlPart) {
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(button));
        waitFor(driver, urlPart);
    }

    /** Waits up to 15 s for the address to contain {@code urlPart}; the failure shows the page it is on. */
    static void waitFor(ChromeDriver driver, String urlPart) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains(urlPart));
        } catch (org.openqa.selenium.TimeoutException e) {
            String body = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError("expected a page at *" + urlPart + "*, still at " + driver.getCurrentUrl()
                    + " showing: " + body.substring(0, Math.min(600, body.length())), e);
        }
    }

    /**
     * A browser without JavaScript, as a test class's visitor, and a checker with it that runs axe
     * (its timers need JavaScript) on what the first was shown: registered with
     * {@code @RegisterExtension}, both start before the class's tests and quit after them.
     */
    static final class Pair implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

        private final boolean cspChecked;
        private ChromeDriver withoutJs;
        private ChromeDriver checker;
        private String axe;

        private Pair(boolean cspChecked) {
            this.cspChecked = cspChecked;
        }

        /** Fails each test after which either browser's console shows a Content-Security-Policy violation. */
        static Pair checkingCsp() {
            return new Pair(true);
        }

        /** Leaves the console alone. */
        static Pair withoutCspCheck() {
            return new Pair(false);
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            axe = axeSource();
            withoutJs = start(false);
            checker = start(true);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (cspChecked) {
                assertNoCspViolation(withoutJs);
                assertNoCspViolation(checker);
            }
        }

        @Override
        public void afterAll(ExtensionContext context) {
            try {
                if (withoutJs != null) {
                    withoutJs.quit();
                }
            } finally {
                if (checker != null) {
                    checker.quit();
                }
            }
        }

        ChromeDriver withoutJs() {
            return withoutJs;
        }

        ChromeDriver checker() {
            return checker;
        }

        String axe() {
            return axe;
        }

        /** Fails on axe's WCAG 2.2 A/AA violations of the page the browser without JavaScript shows. */
        void assertNoAxeViolations(String what) {
            // A GET changes nothing, so opening the same address again shows the same page.
            assertNoAxeViolationsAt(withoutJs.getCurrentUrl(), what);
        }

        /** The same for the page at {@code url}, opened in the checker. */
        void assertNoAxeViolationsAt(String url, String what) {
            checker.get(url);
            Assertions.assertEquals(List.of(), axeViolations(checker, axe), "WCAG 2.2 A/AA violations on " + what);
        }
    }
}
