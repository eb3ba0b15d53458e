package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.Optional;
import org.iln.mail.Envelope;
import org.iln.mail.MailRenderer;
import org.iln.mail.MailStore;
import org.iln.mail.Mailer;
import org.iln.mail.Suppressions;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.SentMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEmulator.class)
class UnsubscriptionTest {

    LifecycleFixture participant;
    String unsubscribeToken;

    @BeforeEach
    void setUp(Aws aws) {
        participant = new LifecycleFixture(aws);
        participant.get("/api/confirm", participant.apply("lena@example.se", "SE"));
        SentMail confirmed = participant.lastMail();
        unsubscribeToken = confirmed.token("/api/unsubscribe");
    }

    @Test
    void opening_the_link_shows_a_confirmation_form_and_changes_nothing() {
        // when
        APIGatewayV2HTTPResponse page = participant.get("/api/unsubscribe", unsubscribeToken);

        // then
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getBody()).contains("<form method=\"post\"", "/api/unsubscribe?token=" + unsubscribeToken,
                "List-Unsubscribe", "One-Click");
        assertThat(participant.itemsOfType("SUPPRESSION")).isEmpty();
    }

    @Test
    void one_click_post_suppresses_programme_mail_at_once() {
        // when
        APIGatewayV2HTTPResponse response = participant.post("/api/unsubscribe", unsubscribeToken,
                "List-Unsubscribe=One-Click");

        // then
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(participant.itemsOfType("SUPPRESSION")).singleElement()
                .satisfies(s -> assertThat(s.get("reason").s()).isEqualTo("unsubscribed"));
        assertThat(participant.lastMail().subject()).contains("no more programme email");
        assertThat(participant.lastMail().listUnsubscribe()).isEmpty();

        // and programme mail to the address is no longer sent
        Aws aws = participant.aws;
        Mailer mailer = new Mailer(aws.ses(), new MailStore(aws.dynamo(), Aws.TABLE),
                new Suppressions(aws.dynamo(), Aws.TABLE), new MailRenderer(), Aws.FROM, participant.clock);
        String hash = participant.itemsOfType("SUPPRESSION").get(0).get("addressHash").s();
        int before = aws.sentMail().size();
        mailer.sendOnce("point:2026-1:01:" + hash, new Envelope("lena@example.se", hash, "confirmed",
                Map.of("givenName", "Lena", "roundTitle", "Round 1", "matchDate", "2026-02-23",
                        "siteUrl", "https://iln.example.org", "unsubscribeUrl", "https://iln.example.org/u"),
                Optional.of("https://iln.example.org/u"), java.util.List.of()));
        assertThat(aws.sentMail()).hasSize(before);
    }

    @Test
    void unsubscribing_twice_is_harmless_and_confirmed_only_once_a_day() {
        // given
        participant.post("/api/unsubscribe", unsubscribeToken, "List-Unsubscribe=One-Click");
        int mails = participant.aws.sentMail().size();

        // when
        APIGatewayV2HTTPResponse again = participant.post("/api/unsubscribe", unsubscribeToken,
                "List-Unsubscribe=One-Click");

        // then
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(participant.aws.sentMail()).hasSize(mails);
    }

    @Test
    void a_bad_link_changes_nothing() {
        // when
        APIGatewayV2HTTPResponse response = participant.post("/api/unsubscribe", "forged.123.token",
                "List-Unsubscribe=One-Click");

        // then
        assertThat(response.getHeaders()).containsEntry("Location", "/link-expired.html");
        assertThat(participant.itemsOfType("SUPPRESSION")).isEmpty();
    }
}
