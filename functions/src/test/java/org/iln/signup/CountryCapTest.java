package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iln.store.Application;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.SentMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CountryCapTest {

    @Nested
    class The_rule {

        @Test
        void keeps_the_earliest_confirmed_of_a_country_above_its_share() {
            // given: 10 confirmed, 4 from AU, cap 20% -> quota 2
            List<Application> inOrder = List.of(app("1", "AU"), app("2", "NZ"), app("3", "AU"), app("4", "FJ"),
                    app("5", "AU"), app("6", "JP"), app("7", "IN"), app("8", "AU"), app("9", "KE"), app("10", "SE"));

            // when
            List<String> over = CountryCap.overCap(inOrder, 20);

            // then
            assertThat(over).containsExactly("5", "8");
        }

        @Test
        void lets_everyone_in_when_no_country_is_above_its_share() {
            assertThat(CountryCap.overCap(List.of(app("1", "AU"), app("2", "NZ"), app("3", "FJ")), 50)).isEmpty();
        }

        @Test
        void counts_already_waitlisted_applications_so_applying_twice_changes_nothing() {
            // given
            List<Application> inOrder = new ArrayList<>(List.of(app("1", "AU"), app("2", "AU"), app("3", "NZ"),
                    app("4", "FJ"), app("5", "JP")));
            inOrder.set(1, waitlisted(inOrder.get(1)));

            // when / then: quota 1 of 5; "2" already waitlisted, nobody else over
            assertThat(CountryCap.overCap(inOrder, 20)).isEmpty();
        }

        Application app(String id, String country) {
            return new Application("2026-1", id, "h" + id, new Application.Profile("n", "", id + "@example.org",
                    country, "UTC", List.of("en"), "academic", "", "mid", List.of("digital"), "any", "any", List.of(),
                    List.of(), false, 1, ""), Application.Status.CONFIRMED, Instant.EPOCH,
                    Optional.of(Instant.EPOCH), Optional.empty());
        }

        Application waitlisted(Application a) {
            return new Application(a.round(), a.participantId(), a.addressHash(), a.profile(),
                    Application.Status.WAITLISTED, a.createdAt(), a.confirmedAt(), Optional.of("2026-2"));
        }
    }

    @Nested
    @ExtendWith(AwsEmulator.class)
    class Against_the_table {

        LifecycleFixture participant;
        CountryCapHandler daily;

        @BeforeEach
        void setUp(Aws aws) {
            participant = new LifecycleFixture(aws);
            daily = new CountryCapHandler(aws.clients(), participant.clock, aws.config());
        }

        void applyAndConfirm(String email, String country) {
            participant.clock.advance(Duration.ofMinutes(1));
            participant.get("/api/confirm", participant.apply(email, country));
        }

        @Test
        void after_applications_close_the_latest_from_a_crowded_country_are_waitlisted_and_told_once() {
            // given: 10 confirmed during the round, 4 of them from Australia
            String[] countries = {"AU", "NZ", "AU", "FJ", "AU", "JP", "IN", "AU", "KE", "SE"};
            for (int i = 0; i < countries.length; i++) {
                applyAndConfirm("p" + i + "@example.org", countries[i]);
            }
            assertThat(participant.itemsOfType("APPLICATION"))
                    .allSatisfy(a -> assertThat(a.get("status").s()).isEqualTo("CONFIRMED"));
            participant.clock.set(Instant.parse("2026-02-10T03:00:00Z"));

            // when
            daily.handleRequest(null, null);
            int mails = participant.aws.sentMail().size();
            daily.handleRequest(null, null);

            // then
            Map<String, String> statusByEmail = new java.util.TreeMap<>();
            participant.itemsOfType("APPLICATION").forEach(a -> statusByEmail.put(a.get("email").s(), a.get("status").s()));
            assertThat(statusByEmail).containsEntry("p0@example.org", "CONFIRMED")
                    .containsEntry("p2@example.org", "CONFIRMED")
                    .containsEntry("p4@example.org", "WAITLISTED")
                    .containsEntry("p7@example.org", "WAITLISTED");
            assertThat(statusByEmail.values()).filteredOn("WAITLISTED"::equals).hasSize(2);
            List<SentMail> waitlistMail = participant.aws.sentMail().stream()
                    .filter(m -> m.subject().contains("next round")).toList();
            assertThat(waitlistMail).extracting(SentMail::to)
                    .containsExactlyInAnyOrder("p4@example.org", "p7@example.org");
            assertThat(waitlistMail.get(0).text()).contains("Round 2, 2026", "2026-07-13");
            assertThat(waitlistMail.get(0).listUnsubscribePost()).hasValue("List-Unsubscribe=One-Click");
            assertThat(participant.aws.sentMail()).hasSize(mails);
            // matching reads the index and keeps only CONFIRMED
            assertThat(participant.confirmedByRound("2026-1")).hasSize(10)
                    .filteredOn(a -> a.get("status").s().equals("CONFIRMED")).hasSize(8);
        }

        @Test
        void a_confirmation_after_applications_close_is_judged_at_once() {
            // given: 5 confirmed, 1 from AU (quota 1 of 6 at 20%); another AU applied on the last day
            String[] countries = {"AU", "NZ", "FJ", "JP", "IN"};
            for (int i = 0; i < countries.length; i++) {
                applyAndConfirm("q" + i + "@example.org", countries[i]);
            }
            participant.clock.set(Instant.parse("2026-02-09T22:00:00Z"));
            String lateToken = participant.apply("late@example.org", "AU");
            participant.clock.set(Instant.parse("2026-02-10T08:00:00Z"));

            // when
            participant.get("/api/confirm", lateToken);

            // then
            assertThat(participant.itemsOfType("APPLICATION")).filteredOn(a -> a.get("email").s().equals("late@example.org"))
                    .singleElement().satisfies(a -> {
                        assertThat(a.get("status").s()).isEqualTo("WAITLISTED");
                        assertThat(a.get("waitlistedFor")).isEqualTo(AttributeValue.fromS("2026-2"));
                    });
            assertThat(participant.lastMail().to()).isEqualTo("late@example.org");
            assertThat(participant.lastMail().subject()).contains("next round");
        }
    }
}
