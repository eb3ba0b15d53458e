package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEmulator.class)
class ConfirmationTest {

    LifecycleFixture participant;

    @BeforeEach
    void setUp(Aws aws) {
        participant = new LifecycleFixture(aws);
    }

    @Test
    void following_the_link_makes_the_application_eligible_for_matching() {
        // given
        String token = participant.apply("amara@example.org", "KE");
        assertThat(participant.confirmedByRound("2026-1")).isEmpty();

        // when
        APIGatewayV2HTTPResponse response = participant.get("/api/confirm", token);

        // then
        assertThat(response.getStatusCode()).isEqualTo(303);
        assertThat(response.getHeaders()).containsEntry("Location", "/confirmed.html");
        // kept, with its lock, until twelve months after the round ends (2026-06-22), as the
        // privacy notice says; no longer the unconfirmed 48 hours
        String keptUntil = Long.toString(java.time.Instant.parse("2027-06-23T00:00:00Z").getEpochSecond());
        assertThat(participant.confirmedByRound("2026-1")).singleElement().satisfies(app -> {
            assertThat(app.get("status").s()).isEqualTo("CONFIRMED");
            assertThat(app.get("expiresAt").n()).isEqualTo(keptUntil);
        });
        assertThat(participant.itemsOfType("LOCK")).singleElement()
                .satisfies(lock -> assertThat(lock.get("expiresAt").n()).isEqualTo(keptUntil));
        assertThat(participant.lastMail().subject()).contains("confirmed");
        assertThat(participant.lastMail().listUnsubscribe()).hasValueSatisfying(
                h -> assertThat(h).startsWith("<https://iln.example.org/api/unsubscribe?token="));
        assertThat(participant.lastMail().listUnsubscribePost()).hasValue("List-Unsubscribe=One-Click");
    }

    @Test
    void following_the_link_twice_is_harmless() {
        // given
        String token = participant.apply("amara@example.org", "KE");
        participant.get("/api/confirm", token);
        int mails = participant.aws.sentMail().size();

        // when
        APIGatewayV2HTTPResponse again = participant.get("/api/confirm", token);

        // then
        assertThat(again.getHeaders()).containsEntry("Location", "/confirmed.html");
        assertThat(participant.aws.sentMail()).hasSize(mails);
        assertThat(participant.confirmedByRound("2026-1")).hasSize(1);
    }

    @Test
    void a_link_older_than_48_hours_has_expired_and_the_application_with_it() {
        // given
        String token = participant.apply("late@example.org", "KE");
        participant.clock.advance(Duration.ofHours(49));

        // when
        APIGatewayV2HTTPResponse response = participant.get("/api/confirm", token);

        // then
        assertThat(response.getHeaders()).containsEntry("Location", "/link-expired.html");
        assertThat(participant.confirmedByRound("2026-1")).isEmpty();
    }

    @Test
    void an_expired_application_frees_the_address_to_apply_again() {
        // given
        participant.apply("again@example.org", "KE");
        participant.clock.advance(Duration.ofHours(49));

        // when
        String token = participant.apply("again@example.org", "KE");

        // then
        assertThat(participant.lastMail().subject()).contains("confirm your application");
        assertThat(participant.get("/api/confirm", token).getHeaders()).containsEntry("Location", "/confirmed.html");
    }

    @Test
    void a_tampered_or_foreign_link_is_refused() {
        // given
        String token = participant.apply("amara@example.org", "KE");
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        String[] parts = token.split("\\.");
        String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];

        // when / then
        for (String bad : new String[] {tampered, longer, "", "x", "../../etc", token + "x"}) {
            assertThat(participant.get("/api/confirm", bad).getHeaders())
                    .as(bad).containsEntry("Location", "/link-expired.html");
        }
        assertThat(participant.confirmedByRound("2026-1")).isEmpty();
    }

    @Test
    void a_confirmation_link_cannot_unsubscribe_or_erase() {
        // given
        String token = participant.apply("amara@example.org", "KE");

        // when / then
        assertThat(participant.get("/api/unsubscribe", token).getHeaders())
                .containsEntry("Location", "/link-expired.html");
        assertThat(participant.get("/api/erase", token).getHeaders()).containsEntry("Location", "/link-expired.html");
    }
}
