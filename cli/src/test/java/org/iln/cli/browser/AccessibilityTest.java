package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core (from npm, cli/node_modules) on every page template at phone and desktop widths, and
 * on Spanish and Arabic (right-to-left) pages: no WCAG 2.2 A/AA violation. Screenshots of each page go to target/screenshots/ for a person to look at.
 */
@ExtendWith(RunningProgramme.class)
class AccessibilityTest {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static ChromeDriver driver;
    private static String axe;

    @BeforeAll
    static void browser() throws IOException {
        axe = Browser.axeSource();
        Files.createDirectories(SCREENSHOTS);
        driver = Browser.start(true);
    }

    @AfterEach
    void no_csp_violation() {
        Browser.assertNoCspViolation(driver);
    }

    @AfterAll
    static void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Every page template, by a name for the screenshot and a path (or a way to reach it). */
    static Stream<Arguments> pages() {
        List<Arguments> pages = new ArrayList<>();
        Map<String, String> paths = new java.util.LinkedHashMap<>();
        paths.put("home", "/");
        paths.put("how-it-works", "/how-it-works.html");
        paths.put("faq", "/faq.html");
        paths.put("signup", "/signup.html");
        paths.put("point", "/points/2026-2/01-getting-to-know-you.html");
        paths.put("round", "/points/2026-2/index.html");
        paths.put("tag", "/points/tags/advocacy.html");
        paths.put("countries", "/countries/index.html");
        paths.put("country", "/countries/fi.html");
        paths.put("search", "/search.html");
        paths.put("search-results", "SEARCH library");
        paths.put("not-found", "/no-such-page");
        paths.put("check-your-email", "/check-your-email.html");
        paths.put("confirmed", "/confirmed.html");
        paths.put("link-expired", "/link-expired.html");
        paths.put("unsubscribed", "/unsubscribed.html");
        paths.put("erased", "/erased.html");
        paths.put("api-errors", "POST /api/signup");
        // Spanish, and Arabic right to left: the same templates with other words, directions and scripts
        paths.put("es-home", "/es/");
        paths.put("es-signup", "/es/signup.html");
        paths.put("ar-home", "/ar/");
        paths.put("ar-signup", "/ar/signup.html");
        paths.put("ar-point", "/ar/points/2026-2/01-getting-to-know-you.html");
        paths.put("ar-countries", "/ar/countries/index.html");
        for (Dimension size : List.of(Browser.PHONE, Browser.DESKTOP)) {
            paths.forEach((name, path) -> pages.add(Arguments.of(name, path, size)));
        }
        return pages.stream();
    }

    @ParameterizedTest(name = "{0} at {2}")
    @MethodSource("pages")
    void the_page_has_no_wcag_2_2_a_or_aa_violations(String name, String path, Dimension size) throws IOException {
        // given
        Browser.viewport(driver, size);
        open(path);

        // when
        @SuppressWarnings("unchecked")
        Map<String, Object> results = (Map<String, Object>) driver.executeAsyncScript(axe
                + "\n;var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                + ".then(function (r) { done({violations: r.violations.map(function (v) { return {id: v.id, impact: v.impact,"
                + " help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(' ') + ' :: ' + n.failureSummary; })}; })}); })"
                + ".catch(function (e) { done({error: String(e)}); });", Browser.WCAG_TAGS);
        screenshot(name + "-" + size.width + "x" + size.height);

        // then
        assertThat(results.get("error")).as("axe ran").isNull();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) results.get("violations");
        assertThat(violations).as("WCAG 2.2 A/AA violations on %s at %s", path, size).isEmpty();
    }

    private static void open(String path) {
        if (path.equals("POST /api/signup")) {
            // The API's own error page: the real form, posted empty past the browser's checks.
            driver.get(RunningProgramme.url("/signup.html"));
            // Its start time is set back a minute: the API quietly drops forms sent faster than a person could.
            driver.executeScript("var f = document.getElementById('signup'); f.noValidate = true;"
                    + " f.querySelector(\"[name='formStartedAt']\").value = String(Date.now() - 60000);"
                    + " HTMLFormElement.prototype.submit.call(f);");
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                    .until(d -> d.getCurrentUrl().contains("/api/signup") && d.findElements(By.tagName("h1")).size() > 0);
            return;
        }
        if (path.startsWith("SEARCH ")) {
            // Pagefind's results are drawn by script: type a query and check the page with them.
            driver.get(RunningProgramme.url("/search.html"));
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15));
            wait.until(d -> d.findElements(By.cssSelector("input.pagefind-ui__search-input")).size() > 0);
            driver.findElement(By.cssSelector("input.pagefind-ui__search-input")).sendKeys(path.substring(7));
            wait.until(d -> d.findElements(By.cssSelector(".pagefind-ui__result")).size() > 0);
            sleep(500);
            return;
        }
        driver.get(RunningProgramme.url(path));
    }

    private static void screenshot(String name) throws IOException {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
