package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.iln.mail.DiscussionPoints;
import org.iln.mail.DispatchHandler;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.programme.ProgrammeSource;
import org.iln.round.NightlyMatchingHandler;
import org.iln.store.ApplicationStore;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.SentMail;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Mail queued for a participant before they withdrew (their introduction, a discussion point)
 * is not sent to them afterwards: a withdrawn address gets the acknowledgement and nothing more.
 */
@ExtendWith(AwsEmulator.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WithdrawnGetsNoMoreMailTest {

    static final Instant MATCH_NIGHT = Instant.parse("2026-02-23T02:00:00Z");

    @Test
    void an_introduction_and_a_point_queued_before_the_withdrawal_reach_only_the_partner(Aws aws) {
        // given: Lena and Kofi matched, their introductions and the first point queued but not sent
        LifecycleFixture participant = new LifecycleFixture(aws);
        participant.get("/api/confirm", participant.apply("lena@example.se", "SE"));
        participant.get("/api/confirm", participant.apply("kofi@example.gh", "GH"));
        participant.clock.set(MATCH_NIGHT);
        new NightlyMatchingHandler(aws.clients(), participant.clock, aws.config()).handleRequest(Map.of(), null);
        MailStore mail = new MailStore(aws.dynamo(), Aws.TABLE);
        int points = new DiscussionPoints(new ApplicationStore(aws.dynamo(), Aws.TABLE), mail,
                new Outbox(mail, participant.clock), URI.create("https://iln.example.org"), participant.clock)
                .queueDue(ProgrammeSource.of(aws.config().programme(), participant.clock).get());
        assertThat(points).isEqualTo(2);
        participant.handler.handleRequest(org.iln.testing.Events.post("/api/me/link",
                "application/x-www-form-urlencoded", "email=kofi%40example.gh"), null);
        String kofiPage = participant.lastMail().token("/api/me");
        int before = aws.sentMail().size();

        // when: Kofi withdraws, then the dispatcher runs
        participant.post("/api/me/withdraw", kofiPage, PersonalPageModel.CONFIRM_WITHDRAWAL + "=yes");
        new DispatchHandler(aws.clients(), participant.clock, aws.config(), d -> participant.clock.advance(d))
                .handleRequest(Map.of(), null);

        // then
        var after = aws.sentMail().subList(before, aws.sentMail().size());
        assertThat(after).filteredOn(m -> m.to().equals("kofi@example.gh")).extracting(SentMail::subject)
                .singleElement().asString().startsWith("You have withdrawn");
        assertThat(after).filteredOn(m -> m.to().equals("lena@example.se")).extracting(SentMail::subject)
                .contains("Meet your International Librarians Network partner").hasSize(2);
        assertThat(aws.items()).filteredOn(i -> i.get("pk").s().matches("MAIL#(introduction|point):.*")
                        && i.get("pk").s().endsWith(kofiId(participant)))
                .extracting(i -> i.get("status").s() + " " + textOf(i.get("error")))
                .containsOnly("SKIPPED withdrawn").hasSize(2);
    }

    private static String kofiId(LifecycleFixture participant) {
        return participant.itemsOfType("APPLICATION").stream()
                .filter(i -> i.get("email").s().startsWith("kofi@")).findFirst().orElseThrow()
                .get("participantId").s();
    }

    private static String textOf(AttributeValue value) {
        return value == null ? "" : value.s();
    }
}
