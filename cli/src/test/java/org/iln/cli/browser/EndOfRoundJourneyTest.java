package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.iln.cli.dev.LocalAws;
import org.iln.survey.SurveyAnswer;
import org.iln.survey.SurveyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The end of a round in a real browser without JavaScript, against a real `./iln dev`: a person
 * signed up and matched, the round's end night run with a date, the survey opened from the mail
 * viewer, answered and changed, then the next round joined from the same mail, with axe checking
 * each page; the survey's answer and the join replayed (a double click, a resent request) store
 * and send nothing more.
 */
@ExtendWith(RunningProgramme.class)
class EndOfRoundJourneyTest {

    @RegisterExtension
    static final Browser.Pair browsers = Browser.Pair.checkingCsp();

    @Test
    void without_javascript_a_person_answers_the_survey_changes_it_and_joins_the_next_round() {
        ChromeDriver withoutJs = browsers.withoutJs();
        // given: signed up, confirmed and matched (with one of the demo participants)
        String email = "browser-end-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SignupForm.fillValid(withoutJs, email);
        withoutJs.findElement(By.cssSelector("#signup button[type=submit]")).click();
        Browser.waitFor(withoutJs, "check-your-email");
        withoutJs.get(DevMail.ofRunningProgramme().link(email, "Please confirm", "/api/confirm?"));
        Browser.waitFor(withoutJs, "confirmed");
        assertThat(RunningProgramme.run("matching", Optional.empty())).contains("ran matching");
        DevMail.ofRunningProgramme().link(email, "Meet your", "/api/me?");

        // when: the round's end night
        String ends = RunningProgramme.round().ends().toString();
        assertThat(RunningProgramme.run("nightly", Optional.of(ends))).contains("ran nightly");

        // then: the survey from the round-end mail
        withoutJs.get(DevMail.ofRunningProgramme().link(email, "Your round has ended", "/api/me/survey?"));
        assertThat(withoutJs.findElement(By.tagName("h1")).getText()).contains(RunningProgramme.round().title());
        browsers.assertNoAxeViolations("the survey");

        // when: answered and sent
        withoutJs.findElement(By.id("met-a-few-times")).click();
        withoutJs.findElement(By.id("usefulness-4")).click();
        withoutJs.findElement(By.id("recommend-yes")).click();
        withoutJs.findElement(By.id("improve")).sendKeys("More time to talk");
        withoutJs.findElement(By.id("mayQuote-no")).click();
        withoutJs.findElement(By.cssSelector("form[action*='/api/me/survey'] button")).click();

        // then
        Browser.waitFor(withoutJs, "done=saved");
        assertThat(withoutJs.findElement(By.cssSelector("[role=status]")).getText()).contains("saved");
        assertThat(answers()).singleElement().satisfies(a -> assertThat(a.answer()).isEqualTo(new SurveyAnswer(
                SurveyAnswer.Met.A_FEW_TIMES, 4, SurveyAnswer.Recommend.YES, "More time to talk", false)));
        browsers.assertNoAxeViolations("the answered survey");

        // when: changed (a usefulness of 5, quoting allowed) and sent again
        withoutJs.findElement(By.id("usefulness-5")).click();
        withoutJs.findElement(By.id("mayQuote-yes")).click();
        String surveyAction = withoutJs.findElement(By.cssSelector("form[action*='/api/me/survey']")).getAttribute("action");
        Browser.submitAndWaitFor(withoutJs, withoutJs.findElement(By.cssSelector("form[action*='/api/me/survey'] button")),
                "done=saved");

        // then: still one answer, changed
        assertThat(answers()).singleElement().satisfies(a -> {
            assertThat(a.answer().usefulness()).isEqualTo(5);
            assertThat(a.answer().mayQuote()).isTrue();
        });

        // when: the same answer replayed (a double click, a resent request)
        assertThat(RunningProgramme.replay(surveyAction,
                "met=a-few-times&usefulness=5&recommend=yes&improve=More+time+to+talk&mayQuote=yes").statusCode())
                .isEqualTo(303);

        // then: still the one answer
        assertThat(answers()).singleElement().satisfies(a -> assertThat(a.answer().usefulness()).isEqualTo(5));

        // when: the night after the round's end date
        String after = RunningProgramme.round().ends().plusDays(1).toString();
        assertThat(RunningProgramme.run("nightly", Optional.of(after))).contains("ran nightly");

        // then: the programme team's round report, linking their page, without the answer's words
        String team = RunningProgramme.round().coordinators().get(0).email();
        DevMail.ofRunningProgramme().link(team, "Round report: " + RunningProgramme.round().title(), "/api/coordinate?");
        assertThat(DevMail.ofRunningProgramme().newest(team, "Round report").orElseThrow().toString())
                .contains("/statistics/" + RunningProgramme.round().id() + ".html")
                .doesNotContain("More time to talk");

        // when: the next round opens and the person joins it from the same mail
        String nextOpens = RunningProgramme.nextRound().opens().toString();
        assertThat(RunningProgramme.run("nightly", Optional.of(nextOpens))).contains("ran nightly");
        withoutJs.get(DevMail.ofRunningProgramme().link(email, "Your round has ended", "/api/me/next-round?"));
        assertThat(withoutJs.findElement(By.tagName("h1")).getText()).contains(RunningProgramme.nextRound().title());
        browsers.assertNoAxeViolations("the next-round page");
        String joinAction = withoutJs.findElement(By.cssSelector("form[action*='/api/me/next-round']")).getAttribute("action");
        withoutJs.findElement(By.cssSelector("form[action*='/api/me/next-round'] button")).click();

        // then: the usual confirmation mail for the next round
        Browser.waitFor(withoutJs, "check-your-email");
        String confirm = DevMail.ofRunningProgramme().link(email, "Please confirm", "/api/confirm?");

        // when: the join replayed (a double click, a resent request)
        HttpResponse<String> replayed = RunningProgramme.replay(joinAction, "");

        // then: refused kindly, and still one application to the next round and one confirmation mail
        assertThat(replayed.statusCode()).isEqualTo(409);
        assertThat(replayed.body()).contains("already applied");
        assertThat(DevMail.ofRunningProgramme().to(email))
                .filteredOn(m -> m.path("subject").asText().contains("Please confirm")).hasSize(2);
        withoutJs.get(confirm);
        Browser.waitFor(withoutJs, "confirmed");
    }

    private static List<SurveyAnswer.Stored> answers() {
        LocalAws aws = RunningProgramme.server().aws().orElseThrow();
        return new SurveyStore(aws.clients().dynamo(), aws.table()).answers(RunningProgramme.round().id());
    }
}
