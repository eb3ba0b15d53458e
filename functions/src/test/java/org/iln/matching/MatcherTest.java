package org.iln.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iln.matching.People.person;
import static org.iln.matching.People.pool;
import static org.iln.matching.People.withInterests;
import static org.iln.matching.People.withMaxPartners;
import static org.iln.matching.People.withPrevious;
import static org.iln.matching.People.withProfile;
import static org.iln.matching.People.withTimezone;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.iln.messages.compiled.CompiledCatalogues;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MatcherTest {

    /** A reason as a coordinator reading English sees it. */
    private static String english(String code) {
        return Reason.word(code, Reason.coordinators(), CompiledCatalogues.bundled().defaultCatalogue());
    }

    private final Matcher matcher = new Matcher();

    private static List<List<String>> members(MatchResult result) {
        return result.partnerships().stream().map(MatchResult.Partnership::members).toList();
    }

    @Nested
    class Whole_cohort_optimum {

        @Test
        void a_pool_where_greedy_strands_two_people_is_matched_completely() {
            // given a and b are the best pair by far, but c only shares French with a and d only Spanish with b
            Participant a = withInterests(person("a", "AU", "en", "fr"), "open-access", "metadata", "outreach");
            Participant b = withInterests(person("b", "US", "en", "es"), "open-access", "metadata", "outreach");
            Participant c = person("c", "FR", "fr");
            Participant d = person("d", "MX", "es");

            // when
            MatchResult result = matcher.match(pool(a, b, c, d));

            // then everyone is matched, which greedy (a with b first) cannot do
            assertThat(members(result)).containsExactly(List.of("a", "c"), List.of("b", "d"));
            assertThat(result.unmatched()).isEmpty();
        }

        @Test
        void people_left_out_by_separate_parts_are_matched_across_parts() {
            // given parts of two, dealt so that each part holds two people from one country
            Matcher inParts = new Matcher(MatcherOptions.DEFAULTS.withChunkSize(2));
            Pool pool = pool(person("a", "AU", "en"), person("b", "AU", "en", "fr"),
                    person("c", "GB", "en"), person("d", "GB", "en", "fr"));

            // when
            MatchResult result = inParts.match(pool);

            // then nobody is left out
            assertThat(result.stats().chunks()).isEqualTo(2);
            assertThat(result.unmatched()).isEmpty();
            HardRuleCheck.assertValid(pool, result);
        }

        @Test
        void random_pools_of_up_to_twelve_match_the_exhaustive_optimum() {
            // k covers everyone in so small a pool, so the candidate graph is the whole eligibility graph
            Matcher exact = new Matcher(MatcherOptions.DEFAULTS.withCandidatesPerPerson(12));
            Random random = new Random(1);
            for (int round = 0; round < 60; round++) {
                // given
                Pool pool = RandomPools.small(random, 2 + random.nextInt(11), false);
                Cohort cohort = new Cohort(pool, ScoreWeights.DEFAULTS);

                // when
                MatchResult result = exact.match(pool);

                // then
                double[] best = Exhaustive.best(cohort.size, (x, y) -> cohort.eligible(x, y) ? cohort.score(x, y) : -1);
                assertThat(new double[] {result.stats().pairs(), result.stats().totalScore()})
                        .as("round %d", round).containsExactly(best);
            }
        }
    }

    @Nested
    class Hard_rules {

        @Test
        void people_from_the_same_country_are_never_paired() {
            MatchResult result = matcher.match(pool(person("a", "AU", "en"), person("b", "AU", "en")));

            assertThat(result.partnerships()).isEmpty();
            assertThat(result.unmatched()).extracting(MatchResult.Unmatched::reason)
                    .containsOnly("reason.unmatched.sameCountry|AU");
            assertThat(result.unmatched()).extracting(u -> english(u.reason()))
                    .containsOnly("no eligible partner: everyone who shares a language works in the same country (AU)");
        }

        @Test
        void previous_partners_are_never_paired_again() {
            MatchResult result = matcher.match(pool(withPrevious(person("a", "AU", "en"), "b"), person("b", "GB", "en"),
                    person("c", "US", "en"), person("d", "CA", "en")));

            assertThat(members(result)).doesNotContain(List.of("a", "b")).hasSize(2);
        }

        @Test
        void an_excluded_country_is_a_hard_rule_from_either_side() {
            Participant a = withProfile(person("a", "AU", "en"), "academic", "mid",
                    new Participant.Preferences("any", "any", List.of(), List.of("GB")));
            MatchResult result = matcher.match(pool(a, person("b", "GB", "en")));

            assertThat(result.partnerships()).isEmpty();
            assertThat(result.unmatched()).extracting(MatchResult.Unmatched::reason)
                    .containsOnly("reason.unmatched.noneEligible|1|0|1|0");
            assertThat(result.unmatched()).extracting(u -> english(u.reason())).allMatch(r -> r.contains("1 is in an excluded country"));
        }
    }

    @Nested
    class Pins_and_forbids {

        @Test
        void a_pin_is_kept_even_when_another_pairing_scores_higher() {
            // given c and d would prefer a and b
            Participant a = withInterests(person("a", "AU", "en"), "open-access", "metadata");
            Participant b = withInterests(person("b", "GB", "en"), "reference");
            Participant c = withInterests(person("c", "US", "en"), "reference");
            Participant d = withInterests(person("d", "CA", "en"), "open-access", "metadata");
            Pool pool = new Pool("test", People.MATCH_DATE, null, List.of(a, b, c, d), List.of(List.of("a", "b")), null);

            // when
            MatchResult result = matcher.match(pool);

            // then
            assertThat(result.partnerships()).anySatisfy(p -> {
                assertThat(p.members()).containsExactly("a", "b");
                assertThat(p.pinned()).isTrue();
            });
            assertThat(members(result)).contains(List.of("c", "d"));
        }

        @Test
        void a_pin_breaking_a_hard_rule_is_an_error_naming_both_people_and_the_rule() {
            Pool pool = new Pool("test", People.MATCH_DATE, null,
                    List.of(person("a", "AU", "en"), person("b", "AU", "en")), List.of(List.of("a", "b")), null);

            assertThatThrownBy(() -> matcher.match(pool))
                    .isInstanceOf(InvalidPoolException.class)
                    .hasMessage("pins[0]: a and b cannot be partners: partners must work in different countries (both in AU)");
        }

        @Test
        void a_forbidden_pair_is_never_matched() {
            Pool pool = new Pool("test", People.MATCH_DATE, null,
                    List.of(person("a", "AU", "en"), person("b", "GB", "en")), null, List.of(List.of("b", "a")));

            MatchResult result = matcher.match(pool);

            assertThat(result.partnerships()).isEmpty();
            assertThat(result.unmatched()).extracting(MatchResult.Unmatched::reason)
                    .containsOnly("reason.unmatched.noneEligible|1|0|0|1");
            assertThat(result.unmatched()).extracting(u -> english(u.reason()))
                    .allMatch(r -> r.contains("1 is a previous partner or forbidden"));
        }
    }

    @Nested
    class Leftovers {

        @Test
        void someone_willing_to_have_two_partners_takes_in_the_odd_one_out() {
            Participant a = withMaxPartners(person("a", "AU", "en"), 2);
            MatchResult result = matcher.match(pool(a, person("b", "GB", "en"), person("c", "US", "en")));

            assertThat(members(result)).containsExactly(List.of("a", "b", "c"));
            assertThat(result.stats().groupsOfThree()).isEqualTo(1);
            assertThat(english(result.partnerships().get(0).reasons())).anyMatch(r -> r.startsWith("a and b: "));
        }

        @Test
        void no_group_of_three_when_the_leftover_cannot_be_with_both_members() {
            // c shares a language with a only
            Participant a = withMaxPartners(person("a", "AU", "en", "fr"), 2);
            MatchResult result = matcher.match(pool(a, person("b", "GB", "en"), person("c", "FR", "fr")));

            assertThat(result.stats().matched()).isEqualTo(2);
            assertThat(result.unmatched()).hasSize(1);
        }

        @Test
        void a_pool_where_most_must_stay_unmatched_is_matched_as_fully_as_possible_without_taking_every_pair_of_theirs() {
            // given 600 people, 360 of them in one country: at most 240 of those can have a partner
            List<Participant> people = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                people.add(person(String.format("p%03d", i), i % 5 < 3 ? "AU" : List.of("GB", "US", "NZ", "CA").get(i % 4), "en"));
            }

            // when
            MatchResult result = matcher.match(pool(people.toArray(Participant[]::new)));

            // then all 240 others have an Australian partner and 120 Australians are left out, and the
            // final graph holds fewer pairs than those 120 have between them (240 each): at n = 10,000
            // taking all of them ran the matcher out of memory
            assertThat(result.stats().matched()).isEqualTo(480);
            assertThat(result.unmatched()).hasSize(120);
            HardRuleCheck.assertValid(pool(people.toArray(Participant[]::new)), result);
            assertThat(result.stats().candidateEdges()).isLessThan(120L * 240);
        }

        @Test
        void a_pool_where_most_share_their_language_with_only_a_few_abroad_reaches_the_optimum_over_every_eligible_pair() {
            // given 2,000 people: 1,700 in Brazil who speak only Portuguese, and 300 elsewhere, 10 of whom
            // also speak it; about 1,690 Brazilians must stay unmatched, more than the solver gives
            // dummy partners (1,690 x 2,000 weight-0 edges), so the first solve has no duals
            Random random = new Random(3);
            List<String> topics = List.of("open-access", "outreach", "cataloguing", "archives", "research-data", "literacy");
            List<Participant> people = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String id = String.format("p%04d", i);
                Participant p = i < 1_700 ? person(id, "BR", "pt")
                        : i % 30 == 0 ? person(id, List.of("PT", "GB", "US").get(i % 3), "en", "pt")
                        : person(id, List.of("GB", "US", "AU", "CA").get(i % 4), "en");
                people.add(withInterests(p, topics.get(random.nextInt(6)), topics.get(random.nextInt(6))));
            }
            Pool pool = pool(people.toArray(Participant[]::new));
            List<String> log = new ArrayList<>();

            // when
            MatchResult result = matcher.match(pool, log::add);

            // then it has as many people in pairs as any matching of every eligible pair and the
            // optimum's score, and proves it: the people left unmatched are priced from outside the graph
            long[] optimum = ExactOptimum.of(new Cohort(pool, ScoreWeights.DEFAULTS));
            assertThat(new long[] {result.stats().matched(), result.stats().totalScore()}).containsExactly(optimum);
            assertThat(log.get(log.size() - 1)).containsPattern("proven within 0\\.[01][0-9]*% of the optimum");
            HardRuleCheck.assertValid(pool, result);
        }

        @Test
        void everyone_left_out_is_told_why() {
            // given: a speaks a language no one else does; b and c (both in Australia) only fit d
            MatchResult result = matcher.match(pool(person("a", "JP", "ja"), person("b", "AU", "en"),
                    person("c", "AU", "en"), person("d", "GB", "en")));

            assertThat(result.unmatched()).extracting(MatchResult.Unmatched::reason).containsExactly(
                    "reason.unmatched.noSharedLanguage", "reason.unmatched.allTaken|1");
            assertThat(result.unmatched()).extracting(u -> english(u.reason())).containsExactly(
                    "no eligible partner: no one else shares a language",
                    "eligible partners (1) were all matched to others, and no pair with someone willing to have two"
                            + " partners could take a third");
        }
    }

    @Nested
    class Reasons_people_can_read {

        @Test
        void a_partnership_explains_itself() {
            Participant a = withTimezone(withInterests(withProfile(person("a", "AU", "en"), "academic", "early",
                    new Participant.Preferences("any", "later", List.of("Asia"), List.of())), "open-access", "research-data"),
                    "Asia/Tokyo");
            Participant b = withTimezone(withInterests(person("b", "SG", "en"), "open-access", "research-data", "outreach"),
                    "Asia/Singapore");
            Pool pool = new Pool("test", People.MATCH_DATE, Map.of("SG", "Asia", "AU", "Oceania"), List.of(a, b), null, null);

            MatchResult result = matcher.match(pool);

            // stored as data, a key and its arguments, and worded when read (here as the coordinators read them)
            assertThat(result.partnerships().get(0).reasons()).first().isEqualTo("reason.sameSector|academic");
            assertThat(english(result.partnerships().get(0).reasons())).containsExactly(
                    "they both work in academic libraries",
                    "shared interests: open access, research data",
                    "1 hour apart",
                    "a asked for someone later in their career",
                    "a asked for a partner in Asia");
        }
    }

    @Nested
    class Determinism {

        @Test
        void the_warm_up_matches_a_whole_made_up_round_the_same_way_every_time() {
            MatchResult first = Matcher.warmUp();

            assertThat(first.stats().participants()).isEqualTo(1_000);
            assertThat(first.stats().matched()).isGreaterThanOrEqualTo(990);
            assertThat(first.partnerships()).allMatch(p -> p.members().stream().allMatch(id -> id.startsWith("warm-up-")));
            assertThat(new MatchingJson().writeResult(Matcher.warmUp())).isEqualTo(new MatchingJson().writeResult(first));
        }

        @Test
        void the_same_pool_in_any_order_gives_byte_identical_json() {
            // given a realistic pool, and the same people shuffled
            Pool pool = PoolGenerator.realistic(400, 7);
            List<Participant> shuffled = new ArrayList<>(pool.participants());
            Collections.shuffle(shuffled, new Random(1));
            Pool again = new Pool(pool.round(), pool.matchDate(), pool.regions(), shuffled, pool.pins(), pool.forbids());
            MatchingJson json = new MatchingJson();

            // when
            byte[] first = json.writeResult(matcher.match(pool));
            byte[] second = json.writeResult(matcher.match(again));

            // then
            assertThat(second).isEqualTo(first);
        }

        @Test
        void a_pool_naming_more_than_64_interests_is_matched_as_if_it_named_fewer() {
            // given a realistic pool, and the same pool where one person adds 40 interests nobody
            // shares: 70 named in all, too many for a bit set each, so scans compare lists instead
            Pool pool = PoolGenerator.realistic(400, 7);
            List<Participant> people = new ArrayList<>(pool.participants());
            Participant one = people.get(0);
            List<String> interests = new ArrayList<>(one.interests());
            IntStream.range(0, 40).forEach(i -> interests.add("only-" + one.id() + "-" + i));
            people.set(0, withInterests(one, interests.toArray(String[]::new)));
            Pool manyInterests = new Pool(pool.round(), pool.matchDate(), pool.regions(), people, pool.pins(), pool.forbids());
            assertThat(people.stream().flatMap(p -> p.interests().stream()).distinct().count()).isGreaterThan(64);

            // when both are matched
            MatchResult expected = matcher.match(pool);
            MatchResult result = matcher.match(manyInterests);

            // then the pairs and every score are the same: no pair's shared interests changed
            assertThat(result.partnerships()).isEqualTo(expected.partnerships());
            assertThat(result.stats()).isEqualTo(expected.stats());
        }

        @Test
        void a_pool_split_into_parts_is_deterministic_too() {
            Matcher parts = new Matcher(MatcherOptions.DEFAULTS.withChunkSize(150));
            Pool pool = PoolGenerator.realistic(600, 3);
            MatchingJson json = new MatchingJson();

            MatchResult result = parts.match(pool);

            assertThat(result.stats().chunks()).isEqualTo(4);
            assertThat(json.writeResult(parts.match(pool))).isEqualTo(json.writeResult(result));
            HardRuleCheck.assertValid(pool, result);
        }
    }

    /** The reasons as the coordinators' draft words them. */
    private static List<String> english(List<String> reasons) {
        return reasons.stream().map(r -> Reason.word(r, Reason.coordinators(),
                org.iln.messages.compiled.CompiledCatalogues.bundled().defaultCatalogue())).toList();
    }
}
