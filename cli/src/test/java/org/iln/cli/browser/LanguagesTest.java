package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The site in Spanish and in Arabic in real Chromium: the Arabic layout mirrors the English one
 * through the stylesheet's logical properties alone, and the signup form's script speaks the page's
 * language. axe checks these pages in {@link AccessibilityTest}.
 */
@ExtendWith(RunningProgramme.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LanguagesTest {

    private static ChromeDriver driver;

    @BeforeAll
    static void browser() {
        driver = Browser.start(true);
        Browser.viewport(driver, Browser.DESKTOP);
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

    @Test
    void the_arabic_home_page_mirrors_the_english_one() {
        // given the English home page: brand on the left, the round status's bar on its left edge
        driver.get(RunningProgramme.url("/"));
        Layout english = layout();
        assertThat(english.direction()).isEqualTo("ltr");
        assertThat(english.brandCentre()).isLessThan(english.width() / 2);
        assertThat(english.statusBar()).isEqualTo("left");

        // when the same page is read in Arabic
        driver.get(RunningProgramme.url("/ar/"));
        Layout arabic = layout();

        // then the page runs right to left: the brand on the right, the bar on the status's right edge
        assertThat(arabic.direction()).isEqualTo("rtl");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
        assertThat(arabic.brandCentre()).isGreaterThan(arabic.width() / 2);
        assertThat(arabic.statusBar()).isEqualTo("right");
        // and the first item of the menu is the rightmost one
        var items = driver.findElements(By.cssSelector("ul.nav a"));
        assertThat(items.get(0).getRect().getX()).isGreaterThan(items.get(1).getRect().getX());
    }

    @Test
    void the_language_switcher_leads_to_the_same_page_in_another_language_without_javascript() {
        ChromeDriver plain = Browser.start(false);
        try {
            plain.get(RunningProgramme.url("/how-it-works.html"));
            plain.findElement(By.cssSelector("nav.languages a[hreflang=es]")).click();
            new WebDriverWait(plain, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/es/how-it-works.html"));
            assertThat(plain.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
            assertThat(plain.findElement(By.cssSelector("ul.nav a[aria-current=page]")).getText()).isEqualTo("Cómo funciona");
        } finally {
            plain.quit();
        }
    }

    @Test
    void the_spanish_signup_form_s_script_speaks_spanish() {
        // given the Spanish form, enhanced by its script
        driver.get(RunningProgramme.url("/es/signup.html"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        WebElement filter = wait.until(d -> d.findElement(By.id("languages-filter")));
        assertThat(driver.findElement(By.id("hint-languages")).getText()).startsWith("Escriba parte del nombre de un idioma");

        // when a visitor types part of a language's Spanish name (from CLDR)
        filter.sendKeys("árab");

        // then the match is announced in Spanish, and ticking it chooses the same code the API expects
        wait.until(d -> !d.findElement(By.id("languages-status")).getText().isEmpty());
        assertThat(driver.findElement(By.id("languages-status")).getText()).isEqualTo("1 coincidencia.");
        driver.findElement(By.cssSelector(".choices-found input")).click();
        assertThat(driver.executeScript("return Array.from(document.getElementById('languages').selectedOptions)"
                + ".map(function (o) { return o.value; }).join(',');")).isEqualTo("ar");
    }

    private record Layout(String direction, double width, double brandCentre, String statusBar) {
    }

    private static Layout layout() {
        WebElement brand = driver.findElement(By.cssSelector("a.brand"));
        String direction = (String) driver.executeScript(
                "return getComputedStyle(document.querySelector('main')).direction;");
        Number width = (Number) driver.executeScript("return document.documentElement.clientWidth;");
        String bar = (String) driver.executeScript("var s = getComputedStyle(document.querySelector('section.status'));"
                + " return parseFloat(s.borderLeftWidth) > 0 ? 'left' : parseFloat(s.borderRightWidth) > 0 ? 'right' : 'none';");
        return new Layout(direction, width.doubleValue(), brand.getRect().getX() + brand.getRect().getWidth() / 2.0, bar);
    }
}
