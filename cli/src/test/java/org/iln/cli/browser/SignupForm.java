package org.iln.cli.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** The signup form as a person fills it in, with JavaScript on (filter boxes) or off (plain lists). */
final class SignupForm {

    private SignupForm() {
    }

    /** Opens the form and fills every required field validly, leaving it to the caller to send. */
    static void fillValid(ChromeDriver driver, String email) {
        fillValid(driver, email, "/signup.html");
    }

    /** The same on the form at {@code path} (another language's: {@code /es/signup.html}). */
    static void fillValid(ChromeDriver driver, String email, String path) {
        driver.get(RunningProgramme.url(path));
        driver.findElement(By.id("givenName")).sendKeys("Ngozi");
        driver.findElement(By.id("familyName")).sendKeys("Okafor");
        driver.findElement(By.id("email")).sendKeys(email);
        new Select(driver.findElement(By.id("country"))).selectByValue("NG");
        new Select(driver.findElement(By.id("timezone"))).selectByValue("Africa/Lagos");
        if (driver.findElements(By.id("languages-filter")).isEmpty()) {
            new Select(driver.findElement(By.id("languages"))).selectByValue("en");
        } else {
            // with JavaScript the long list is a filter box and checkboxes
            driver.findElement(By.id("languages-filter")).sendKeys("English");
            Browser.click(driver, By.id("languages-found-en"));
        }
        driver.findElement(By.id("role")).sendKeys("Systems librarian");
        Browser.click(driver, By.id("sector-academic"));
        Browser.click(driver, By.cssSelector("input[name=careerStage][value=mid]"));
        Browser.click(driver, By.cssSelector("input[name=interests]"));
        Browser.click(driver, By.cssSelector("input[name=consentPrivacy]"));
        Browser.click(driver, By.cssSelector("input[name=consentShare]"));
    }
}
