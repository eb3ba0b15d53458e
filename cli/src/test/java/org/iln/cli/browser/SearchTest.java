package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.iln.serving.ResponseHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Pagefind's search in real Chromium, under the Content-Security-Policy production sends: its
 * WebAssembly needs {@code 'wasm-unsafe-eval'}, without which the page never leaves "Searching".
 */
@ExtendWith(RunningProgramme.class)
class SearchTest {

    private static ChromeDriver driver;

    @BeforeAll
    static void browser() {
        driver = Browser.start(true);
    }

    @AfterAll
    static void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void typing_a_query_on_the_search_page_shows_results_under_the_production_csp_without_a_violation()
            throws Exception {
        // given: the search page, served with production's headers
        HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(RunningProgramme.url("/search.html"))).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(page.headers().firstValue(ResponseHeaders.CONTENT_SECURITY_POLICY))
                .isEqualTo(ResponseHeaders.production().value(ResponseHeaders.CONTENT_SECURITY_POLICY));
        driver.get(RunningProgramme.url("/search.html"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(d -> !d.findElements(By.cssSelector("input.pagefind-ui__search-input")).isEmpty());

        // when
        driver.findElement(By.cssSelector("input.pagefind-ui__search-input")).sendKeys("library");

        // then
        try {
            wait.until(d -> !d.findElements(By.cssSelector(".pagefind-ui__result")).isEmpty());
        } catch (TimeoutException noResults) {
            // say why, when it is the policy: Pagefind's WebAssembly refused
            assertThat(Browser.cspViolations(driver)).as("Content-Security-Policy violations in the console").isEmpty();
            throw noResults;
        }
        assertThat(driver.findElements(By.cssSelector(".pagefind-ui__result-link")))
                .isNotEmpty()
                .allSatisfy(link -> assertThat(link.getAttribute("href")).contains("/points/"));
        assertThat(driver.findElement(By.cssSelector(".pagefind-ui__message")).getText()).doesNotContain("Searching");
        assertThat(Browser.cspViolations(driver)).as("Content-Security-Policy violations in the console").isEmpty();
    }
}
