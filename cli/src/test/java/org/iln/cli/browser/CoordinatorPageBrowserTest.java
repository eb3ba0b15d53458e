package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.iln.cli.Checkout;
import org.iln.cli.dev.DevServer;
import org.iln.cli.dev.LocalAws;
import org.iln.localaws.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The coordinator page in a real browser without JavaScript, with axe checking it: the programme
 * team opens it from the draft mail of the night after applications close, holds a proposed
 * partnership and approves the draft; after publishing, with a fresh link asked for by email, it
 * marks someone withdrawn and pairs two people left alone. Its own `./iln dev` and emulator, since
 * the nights it runs move the programme clock past the open round that the other browser tests
 * sign up to.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoordinatorPageBrowserTest {

    private static final Clock DURING_APPLICATIONS = Clock.offset(Clock.systemUTC(), java.time.Duration.between(
            Instant.now(), LocalDate.of(2026, 11, 30).atTime(10, 0).toInstant(ZoneOffset.UTC)));

    @TempDir
    static Path bakeDir;

    private static MotoServer moto;
    private static DevServer server;

    @RegisterExtension
    static final Browser.Pair browsers = Browser.Pair.withoutCspCheck();

    @BeforeAll
    static void start() throws Exception {
        Browser.requireChromium();
        moto = MotoServer.start();
        server = DevServer.start(Checkout.find(null, Path.of("")).orElseThrow().siteDir(), bakeDir, 0,
                new PrintWriter(new StringWriter()),
                LocalAws.emulatorAt(moto.endpoint(), LocalAws.LOCAL_TABLE, MotoServer.REGION), DURING_APPLICATIONS,
                DevServer.LOCAL_MAIL_FROM);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    /** The pair held by the first test: forbidden for the rest of the round. */
    private static List<String> held = List.of();

    /**
     * Two of the rows, each as (the one who stays, the one marked withdrawn), such that the two who
     * stay are not the held pair.
     */
    private static List<List<String>> twoWhoseStayersMayBePaired(List<List<String>> rows, List<String> held) {
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        List<String> first = List.of(rows.get(i).get(a), rows.get(i).get(1 - a));
                        List<String> second = List.of(rows.get(j).get(b), rows.get(j).get(1 - b));
                        if (!(held.contains(first.get(0)) && held.contains(second.get(0)))) {
                            return List.of(first, second);
                        }
                    }
                }
            }
        }
        throw new AssertionError("no two partnerships whose remaining members may be paired: " + rows);
    }

    @Test
    @Order(1)
    void without_javascript_the_team_opens_the_draft_from_its_mail_holds_a_pair_and_approves_the_re_solved_draft() throws Exception {
        ChromeDriver withoutJs = browsers.withoutJs();
        // given: the night after applications close
        RunningProgramme.run(server, "nightly", Optional.of("2026-12-15"));

        // when: the page link of the draft mail to the programme team
        withoutJs.get(DevMail.of(server).link("team@example.org", "Draft matching report", "/api/coordinate?token="));

        // then
        assertThat(withoutJs.findElement(By.id("draft-state")).getAttribute("data-state")).isEqualTo("waiting");
        List<?> rows = withoutJs.findElements(By.cssSelector("#draft-rows tbody tr"));
        assertThat(rows).hasSize(4);
        browsers.assertNoAxeViolations("the coordinator page");

        // when: a partnership is held (a form post without JavaScript, answered 303 back to the page)
        held = List.of(withoutJs.findElement(By.cssSelector("#draft-rows tbody tr small")).getText().split(" / "));
        withoutJs.findElement(By.cssSelector("#draft-rows tbody tr button")).click();

        // then (waiting for the 303's page: a click does not always wait for the navigation it starts)
        Browser.waitFor(withoutJs, "done=held");
        assertThat(withoutJs.findElement(By.cssSelector("[role=status]")).getText()).contains("held");
        assertThat(withoutJs.findElement(By.id("actions")).getText()).contains("held");
        browsers.assertNoAxeViolations("the coordinator page after a hold");

        // when: the next night re-solves the draft without the held pair, and the team approves that one
        // (a hold withdraws any approval of the draft it was made on)
        RunningProgramme.run(server, "nightly", Optional.of("2026-12-16"));
        withoutJs.get(DevMail.of(server).link("team@example.org", "Draft matching report", "/api/coordinate?token="));
        assertThat(withoutJs.findElement(By.id("draft-state")).getAttribute("data-state")).isEqualTo("waiting");
        withoutJs.findElement(By.xpath("//button[contains(., 'Approve this draft')]")).click();

        // then
        Browser.waitFor(withoutJs, "done=approved");
        assertThat(withoutJs.findElement(By.id("draft-state")).getAttribute("data-state")).isEqualTo("approved");
        browsers.assertNoAxeViolations("the coordinator page after approval");
    }

    @Test
    @Order(2)
    void after_publishing_the_team_asks_for_a_fresh_link_marks_someone_withdrawn_and_pairs_two_left_alone()
            throws Exception {
        ChromeDriver withoutJs = browsers.withoutJs();
        // given: the approved draft is published on the match date; four weeks later the re-match
        // window has closed, and the team's link from December has expired
        RunningProgramme.run(server, "nightly", Optional.of("2027-01-11"));
        RunningProgramme.run(server, "nightly", Optional.of("2027-02-08"));
        withoutJs.get(DevMail.of(server).link("team@example.org", "Draft matching report", "/api/coordinate?token="));
        Browser.waitFor(withoutJs, "link-expired");

        // when: the team asks for a fresh link on the page the old one lands on
        withoutJs.findElement(By.id("coordinator-email")).sendKeys("team@example.org");
        withoutJs.findElement(By.xpath("//button[contains(., 'fresh coordinator link')]")).click();
        Browser.waitFor(withoutJs, "check-your-email");
        withoutJs.get(DevMail.of(server).link("team@example.org", "coordinator page", "/api/coordinate?token="));

        // then
        assertThat(withoutJs.findElement(By.id("draft-state")).getAttribute("data-state")).isEqualTo("published");
        assertThat(withoutJs.findElements(By.id("alone-none"))).hasSize(1);

        // when: one member of each of two partnerships is marked withdrawn (after the window: their
        // partnerships end at once, and their partners are left alone)
        // (the two who stay must not be the pair held before: that pair is forbidden, and the rows' order
        // follows the random ids; a CI run once left exactly those two alone)
        List<List<String>> rows = withoutJs.findElements(By.cssSelector("#draft-rows tbody tr small")).stream()
                .map(WebElement::getText).map(ids -> List.of(ids.split(" / "))).filter(ids -> ids.size() == 2)
                .toList();
        List<List<String>> pairs = twoWhoseStayersMayBePaired(rows, held);
        for (List<String> pair : pairs) {
            withoutJs.findElement(By.id("withdraw-participant")).sendKeys(pair.get(1));
            // the second answer's address is the first's
            Browser.submitAndWaitFor(withoutJs, withoutJs.findElement(By.xpath("//button[contains(., 'Mark withdrawn')]")),
                    "done=withdrawn");
        }

        // then
        assertThat(withoutJs.findElement(By.cssSelector("[role=status]")).getText()).contains("withdrawn");
        List<String> alone = withoutJs.findElements(By.cssSelector("#alone tbody tr td:first-child")).stream()
                .map(WebElement::getText).toList();
        assertThat(alone).containsExactlyInAnyOrder(pairs.get(0).get(0), pairs.get(1).get(0));
        browsers.assertNoAxeViolations("the coordinator page with people left alone");

        // when: the two are paired
        withoutJs.findElement(By.id("alone-first")).sendKeys(alone.get(0));
        withoutJs.findElement(By.id("alone-second")).sendKeys(alone.get(1));
        withoutJs.findElement(By.xpath("//button[contains(., 'Pair them')]")).click();

        // then
        Browser.waitFor(withoutJs, "done=paired");
        assertThat(withoutJs.findElements(By.id("alone-none"))).hasSize(1);
        assertThat(withoutJs.findElement(By.id("actions")).getText()).contains("marked withdrawn " + pairs.get(0).get(1),
                "paired ");
        browsers.assertNoAxeViolations("the coordinator page after pairing two left alone");
        RunningProgramme.run(server, "dispatch", Optional.of("2027-02-08"));
        DevMail.of(server).link(null, "new International Librarians Network partner", "/api/me?token=");
    }
}
