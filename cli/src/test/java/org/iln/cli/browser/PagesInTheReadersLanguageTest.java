package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The functions' own pages in the participant's language, in a real browser without JavaScript
 * against a real `./iln dev`: someone who signed up through the Spanish form and someone through
 * the Arabic one get their personal page and, after the round, the survey in their language, the
 * Arabic pages right to left; axe checks each page.
 */
@ExtendWith(RunningProgramme.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PagesInTheReadersLanguageTest {

    @RegisterExtension
    static final Browser.Pair browsers = Browser.Pair.checkingCsp();

    @Test
    void the_personal_page_and_the_survey_are_in_spanish_and_in_arabic_right_to_left() {
        ChromeDriver withoutJs = browsers.withoutJs();
        // given: one person signed up through the Spanish form, one through the Arabic form, both confirmed
        String spanish = signUp(withoutJs, "es");
        String arabic = signUp(withoutJs, "ar");

        // then: each personal page in its language
        withoutJs.get(DevMail.ofRunningProgramme().link(spanish, "", "/api/me?"));
        assertLanguage(withoutJs, "es", "ltr", "Su página de");
        assertThat(withoutJs.findElement(By.id("standing")).getText()).startsWith("Confirmada");
        assertThat(withoutJs.findElement(By.cssSelector("label[for=sector]")).getText()).isEqualTo("Sector bibliotecario");
        assertThat(withoutJs.findElements(By.cssSelector("#sector option")))
                .anyMatch(o -> o.getText().equals("Biblioteca universitaria"));
        browsers.assertNoAxeViolations("the Spanish personal page");

        withoutJs.get(DevMail.ofRunningProgramme().link(arabic, "", "/api/me?"));
        assertLanguage(withoutJs, "ar", "rtl", "صفحتك في");
        assertThat(withoutJs.findElements(By.cssSelector("#sector option")))
                .anyMatch(o -> o.getText().equals("مكتبة أكاديمية"));
        browsers.assertNoAxeViolations("the Arabic personal page");

        // when: matched, and the round ends
        assertThat(RunningProgramme.run("matching", Optional.empty())).contains("ran matching");
        String ends = RunningProgramme.round().ends().toString();
        assertThat(RunningProgramme.run("nightly", Optional.of(ends))).contains("ran nightly");

        // then: each survey in its language
        withoutJs.get(DevMail.ofRunningProgramme().link(spanish, "", "/api/me/survey?"));
        assertLanguage(withoutJs, "es", "ltr", "¿Cómo fue");
        assertThat(withoutJs.findElement(By.cssSelector("label[for=met-once]")).getText()).isEqualTo("Una vez");
        browsers.assertNoAxeViolations("the Spanish survey");

        withoutJs.get(DevMail.ofRunningProgramme().link(arabic, "", "/api/me/survey?"));
        assertLanguage(withoutJs, "ar", "rtl", "كيف كانت");
        browsers.assertNoAxeViolations("the Arabic survey");

        // when: the Arabic survey is answered
        withoutJs.findElement(By.id("met-once")).click();
        withoutJs.findElement(By.id("usefulness-4")).click();
        withoutJs.findElement(By.id("recommend-yes")).click();
        withoutJs.findElement(By.id("mayQuote-no")).click();
        withoutJs.findElement(By.cssSelector("form[action*='/api/me/survey'] button")).click();

        // then: thanked in Arabic, on the right-to-left page
        Browser.waitFor(withoutJs, "done=saved");
        assertThat(withoutJs.findElement(By.cssSelector("[role=status]")).getText()).startsWith("شكرًا");
        assertLanguage(withoutJs, "ar", "rtl", "كيف كانت");
        browsers.assertNoAxeViolations("the answered Arabic survey");
    }

    /** Signs someone up through the form in {@code lang} and confirms the address; their address. */
    private static String signUp(ChromeDriver driver, String lang) {
        String email = "browser-page-" + lang + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SignupForm.fillValid(driver, email, "/" + lang + "/signup.html");
        driver.findElement(By.cssSelector("#signup button[type=submit]")).click();
        Browser.waitFor(driver, "/" + lang + "/check-your-email.html");
        driver.get(DevMail.ofRunningProgramme().link(email, "", "/api/confirm?"));
        Browser.waitFor(driver, "/" + lang + "/confirmed.html");
        return email;
    }

    /** The page names its language and direction, the browser lays it out that way, and its heading reads so. */
    private static void assertLanguage(ChromeDriver driver, String lang, String dir, String heading) {
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
        assertThat(driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo(dir);
        assertThat(driver.executeScript("return getComputedStyle(document.querySelector('main')).direction"))
                .isEqualTo(dir);
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(heading);
    }
}
