package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The functions answer in the form's language, in a real browser against a real `./iln dev`: a
 * Spanish signup without JavaScript gets the Spanish answer page and a Spanish confirmation mail,
 * and the functions' own Arabic page is right to left; axe checks each page.
 */
@ExtendWith(RunningProgramme.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LanguageJourneyTest {

    @RegisterExtension
    static final Browser.Pair browsers = Browser.Pair.withoutCspCheck();

    @Test
    void signing_up_through_the_spanish_form_without_javascript_brings_a_spanish_page_and_a_spanish_confirmation_mail() {
        ChromeDriver withoutJs = browsers.withoutJs();
        // given
        String email = "browser-es-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SignupForm.fillValid(withoutJs, email, "/es/signup.html");

        // when
        withoutJs.findElement(By.cssSelector("#signup button[type=submit]")).click();

        // then the Spanish answer page
        Browser.waitFor(withoutJs, "/es/check-your-email.html");
        assertThat(withoutJs.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        browsers.assertNoAxeViolations("the Spanish answer page");

        // and a Spanish confirmation mail, whose link lands on the Spanish confirmed page
        WebElement mail = new WebDriverWait(withoutJs, Duration.ofSeconds(10)).until(d -> {
            d.get(RunningProgramme.url("/_dev/mail?to=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)));
            return d.findElements(By.cssSelector("article.mail")).stream()
                    .filter(a -> a.findElement(By.className("to")).getText().contains(email)).findFirst().orElse(null);
        });
        assertThat(mail.findElement(By.tagName("h2")).getText())
                .contains("Confirme su solicitud a la International Librarians Network");
        assertThat(mail.findElement(By.cssSelector("details pre")).getAttribute("textContent"))
                .contains("Hola:", "Gracias por presentar su solicitud", "48 horas");
        mail.findElement(By.xpath(".//ul[@class='links']//a[contains(@href, '/api/confirm?')]")).click();
        Browser.waitFor(withoutJs, "/es/confirmed.html");
        assertThat(withoutJs.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
    }

    @Test
    void offering_to_volunteer_through_the_spanish_form_brings_a_spanish_mail_whose_link_lands_on_the_spanish_page() {
        ChromeDriver withoutJs = browsers.withoutJs();
        // given the Spanish volunteer form, filled in without JavaScript
        String email = "volunteer-es-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        withoutJs.get(RunningProgramme.url("/es/volunteer.html"));
        withoutJs.findElement(By.id("name")).sendKeys("Lucía Fernández");
        withoutJs.findElement(By.id("email")).sendKeys(email);
        new Select(withoutJs.findElement(By.id("country"))).selectByValue("KE");
        new Select(withoutJs.findElement(By.id("languages"))).selectByValue("es");
        withoutJs.findElement(By.id("why")).sendKeys("Coordino el boletín de nuestra asociación.");
        withoutJs.findElement(By.id("hours")).sendKeys("4");
        withoutJs.findElement(By.id("consent")).click();

        // when
        withoutJs.findElement(By.cssSelector("#volunteer button[type=submit]")).click();

        // then the Spanish answer page, and a Spanish confirmation mail
        Browser.waitFor(withoutJs, "/es/volunteer-sent.html");
        DevMail mail = DevMail.ofRunningProgramme();
        String confirm = mail.link(email, "Confirme su ofrecimiento como voluntario", "/api/volunteer/confirm");
        assertThat(confirm).endsWith("&lang=es");
        assertThat(mail.newest(email, "Confirme su ofrecimiento").orElseThrow().path("text").asText())
                .contains("Hola:", "Gracias por ofrecerse como Coordinador de País voluntario", "48 horas");

        // when its link is followed, the Spanish thank-you page
        withoutJs.get(confirm);
        Browser.waitFor(withoutJs, "/es/volunteer-confirmed.html");
        assertThat(withoutJs.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
    }

    @Test
    void the_functions_own_arabic_error_page_is_arabic_and_right_to_left() {
        ChromeDriver checker = browsers.checker();
        // given the Arabic form, posted empty past the browser's checks
        checker.get(RunningProgramme.url("/ar/signup.html"));
        checker.executeScript("var f = document.getElementById('signup'); f.noValidate = true;"
                + " f.querySelector(\"[name='formStartedAt']\").value = String(Date.now() - 60000);"
                + " HTMLFormElement.prototype.submit.call(f);");

        // when the API answers with its own page
        new WebDriverWait(checker, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("/api/signup") && !d.findElements(By.tagName("h1")).isEmpty());

        // then
        WebElement html = checker.findElement(By.tagName("html"));
        assertThat(html.getAttribute("lang")).isEqualTo("ar");
        assertThat(html.getAttribute("dir")).isEqualTo("rtl");
        assertThat(checker.findElement(By.tagName("h1")).getText()).isEqualTo("يُرجى تصحيح طلبك");
        assertThat(checker.findElement(By.cssSelector("main a[href='/ar/signup.html']")).isDisplayed()).isTrue();
        assertThat(Browser.axeViolations(checker, browsers.axe())).as("axe on the Arabic error page").isEmpty();
    }
}
