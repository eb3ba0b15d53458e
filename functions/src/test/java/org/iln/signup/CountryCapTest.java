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
            assertThat(waitlistMail.get(0).text()).contains("Round 2, 2026", "13 July 2026");
            assertThat(waitlistMail.get(0).listUnsubscribePost()).hasValue("List-Unsubscribe=One-Click");
            assertThat(participant.aws.sentMail()).hasSize(mails);
            // matching reads the index and keeps only CONFIRMED
            assertThat(participant.confirmedByRound("2026-1")).hasSize(10)
                    .filteredOn(a -> a.get("status").s().equals("CONFIRMED")).hasSize(8);
        }

        @Test
        void when_the_next_round_opens_the_waitlisted_are_moved_into_it_ahead_of_its_own_applicants_and_told_once() {
            // given: p4 and p7 (Australia) waitlisted from round 1 for round 2
            String[] countries = {"AU", "NZ", "AU", "FJ", "AU", "JP", "IN", "AU", "KE", "SE"};
            for (int i = 0; i < countries.length; i++) {
                applyAndConfirm("p" + i + "@example.org", countries[i]);
            }
            participant.clock.set(Instant.parse("2026-02-10T03:00:00Z"));
            daily.handleRequest(null, null);
            Map<String, Map<String, AttributeValue>> firstByEmail = new java.util.HashMap<>();
            participant.itemsOfType("APPLICATION").forEach(a -> firstByEmail.put(a.get("email").s(), a));

            // when: round 2 opens (2026-07-13), and the daily run comes twice
            participant.clock.set(Instant.parse("2026-07-13T01:30:00Z"));
            String summary = daily.handleRequest(null, null);
            int mails = participant.aws.sentMail().size();
            daily.handleRequest(null, null);

            // then: each has a confirmed round-2 application, first in confirmation order, with
            // the application time that earns waiting points
            assertThat(summary).contains("moved from the waiting list 2");
            List<Map<String, AttributeValue>> round2 = participant.confirmedByRound("2026-2");
            assertThat(round2).extracting(a -> a.get("email").s())
                    .containsExactlyInAnyOrder("p4@example.org", "p7@example.org");
            assertThat(round2).allSatisfy(a -> {
                Map<String, AttributeValue> first = firstByEmail.get(a.get("email").s());
                assertThat(a.get("status").s()).isEqualTo("CONFIRMED");
                assertThat(a.get("createdAt")).isEqualTo(first.get("createdAt"));
                assertThat(a.get("confirmedAt")).isEqualTo(first.get("confirmedAt"));
                assertThat(a.get("addressHash")).isEqualTo(first.get("addressHash"));
                assertThat(a.get("participantId")).isNotEqualTo(first.get("participantId"));
                assertThat(a.get("expiresAt").n())
                        .isEqualTo(Long.toString(Instant.parse("2027-12-22T00:00:00Z").getEpochSecond()));
            });
            assertThat(participant.itemsOfType("LOCK")).filteredOn(l -> l.get("sk").s().equals("ROUND#2026-2")).hasSize(2);
            assertThat(participant.itemsOfType("APPLICATION")).filteredOn(a -> a.get("round").s().equals("2026-1"))
                    .filteredOn(a -> a.containsKey("carriedTo")).hasSize(2)
                    .allSatisfy(a -> assertThat(a.get("carriedTo").s()).isEqualTo("2026-2"));
            List<SentMail> told = participant.aws.sentMail().stream()
                    .filter(m -> m.subject().startsWith("Your place in Round 2, 2026")).toList();
            assertThat(told).extracting(SentMail::to).containsExactlyInAnyOrder("p4@example.org", "p7@example.org");
            assertThat(told.get(0).text()).contains("do not need to apply again", "24 August 2026");
            assertThat(told.get(0).listUnsubscribePost()).hasValue("List-Unsubscribe=One-Click");
            assertThat(participant.aws.sentMail()).hasSize(mails);
        }

        @Test
        void someone_waitlisted_who_applied_to_the_next_round_themselves_keeps_that_application() {
            // given: p1 waitlisted from round 1 (quota 1 of 3 at 20%: the second AU is over)
            applyAndConfirm("p0@example.org", "AU");
            applyAndConfirm("p1@example.org", "AU");
            applyAndConfirm("p2@example.org", "NZ");
            participant.clock.set(Instant.parse("2026-02-10T03:00:00Z"));
            daily.handleRequest(null, null);
            // and, on round 2's opening day before the daily run, p1 applies again
            participant.clock.set(Instant.parse("2026-07-13T00:10:00Z"));
            participant.apply("p1@example.org", "AU");
            participant.clock.set(Instant.parse("2026-07-13T01:30:00Z"));

            // when
            String summary = daily.handleRequest(null, null);
            daily.handleRequest(null, null);

            // then: one round-2 application, their own; the waiting one is marked and left
            assertThat(summary).contains("moved from the waiting list 0");
            assertThat(participant.itemsOfType("APPLICATION")).filteredOn(a -> a.get("round").s().equals("2026-2"))
                    .singleElement().satisfies(a -> assertThat(a.get("status").s()).isEqualTo("UNCONFIRMED"));
            assertThat(participant.itemsOfType("APPLICATION")).filteredOn(a -> a.get("email").s().equals("p1@example.org"))
                    .filteredOn(a -> a.get("round").s().equals("2026-1"))
                    .singleElement().satisfies(a -> assertThat(a.get("carriedTo").s()).isEqualTo("2026-2"));
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
