package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iln.cli.SiteCopies.copyOfTheSite;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.iln.cli.dev.DevServer;
import org.iln.cli.dev.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

class LiveReloadTest {

    @Test
    void saving_a_content_file_re_bakes_and_reloads_the_open_page_with_the_api_running(
            @TempDir Path copy, @TempDir Path bakeDir) throws Exception {
        // given: a copy of the site (the test edits it), served with the API over moto, open in a browser
        Browser.requireChromium();
        Path siteDir = copyOfTheSite(copy);
        try (DevServer server = DevServer.start(siteDir, bakeDir, 0, new PrintWriter(new StringWriter()),
                LocalAws.startMoto(new PrintWriter(new StringWriter())), Clock.systemUTC(), DevServer.LOCAL_MAIL_FROM)) {
            ChromeDriver driver = Browser.start(true);
            try {
                driver.get(server.url() + "about.html");
                driver.executeScript("window.beforeTheEdit = true");

                // when
                Path about = siteDir.resolve("content/about.md");
                Files.writeString(about, Files.readString(about) + "\n\nAn edit made while the page is open.\n");

                // then: the same tab shows the edit, after a real reload (the marker is gone)
                // The page may be mid-reload when read, which Chromium reports as a stale node; read again.
                // The re-bake writes every page in three languages, so it gets a minute on a loaded machine.
                new WebDriverWait(driver, Duration.ofSeconds(60))
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                        .ignoring(org.openqa.selenium.WebDriverException.class).until(d ->
                        d.findElement(By.tagName("main")).getText().contains("An edit made while the page is open."));
                assertThat(driver.executeScript("return window.beforeTheEdit === undefined")).isEqualTo(true);
                Browser.assertNoCspViolation(driver);
            } finally {
                driver.quit();
            }
        }
    }
}
