package org.iln.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.iln.config.FunctionsConfig;
import org.iln.json.Json;
import org.iln.mail.MailStore;
import org.iln.round.NightlyMatchingHandler;
import org.iln.round.PartnershipStore;
import org.iln.round.RoundFixture;
import org.iln.round.RoundInvariants;
import org.iln.signup.ApiHandler;
import org.iln.store.AddressHasher;
import org.iln.store.ApplicationStore;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SentMail;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.iln.token.TokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What coordinators do for people from their page, against the emulator through the API and
 * nightly handlers: mark someone withdrawn (the participant's own withdrawal), resend an
 * introduction or a confirmation (once a day), pair two people left alone after publishing (the
 * matcher's hard rules, conditional writes), every move audited, and a fresh link by email.
 */
@ExtendWith(AwsEmulator.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CoordinatorActionsTest {

    static final String TEAM = CoordinationTest.TEAM;
    static final String AU_COORDINATOR = CoordinationTest.AU_COORDINATOR;
    static final String FORM = CoordinationTest.FORM;
    /** Three weeks after the match date the re-match window has closed (MatchingNight.REMATCH_WEEKS). */
    static final java.time.Instant AFTER_THE_WINDOW = RoundFixture.MATCH_DATE.plus(Duration.ofDays(30));

    Aws aws;
    RoundFixture round;
    FunctionsConfig config;
    SignedLinks links;
    AddressHasher hasher;

    @BeforeEach
    void setUp(Aws aws) {
        this.aws = aws;
        round = new RoundFixture(aws);
        // Published on the match date without waiting for an approval: these tests are about after it.
        config = aws.config();
        links = new SignedLinks(config.tokenKey(), new TokenStore(aws.dynamo(), Aws.TABLE));
        hasher = new AddressHasher(config.addressKey());
        round.seed(12, Map.of());
    }

    String night() {
        return new NightlyMatchingHandler(aws.clients(), round.clock, config).handleRequest(Map.of(), null);
    }

    ApiHandler api() {
        return new ApiHandler(aws.clients(), round.clock, config);
    }

    String link(String address, String scope) {
        return links.mint(Purpose.COORDINATE, hasher.address(address), RoundFixture.ROUND, scope, round.clock.instant());
    }

    String team() {
        return link(TEAM, "programme");
    }

    APIGatewayV2HTTPResponse post(String path, String token, String body) {
        return api().handleRequest(Events.postWithToken(path, token, FORM, body), null);
    }

    String page(String token) {
        return api().handleRequest(Events.get("/api/coordinate", token), null).getBody();
    }

    void publish() {
        round.clock.set(RoundFixture.MATCH_DATE);
        assertThat(night()).contains("published=6");
    }

    PartnershipStore.Pair activePairOf(String id) {
        return pairs().stream().filter(p -> p.status() == PartnershipStore.PairStatus.ACTIVE)
                .filter(p -> p.members().contains(id)).findFirst().orElseThrow();
    }

    List<PartnershipStore.Pair> pairs() {
        return new PartnershipStore(aws.dynamo(), Aws.TABLE).pairs(RoundFixture.ROUND);
    }

    String countryOf(String id) {
        return aws.dynamo().getItem(b -> b.tableName(Aws.TABLE).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("ROUND#" + RoundFixture.ROUND), "sk", AttributeValue.fromS("APP#" + id))))
                .item().get("country").s();
    }

    List<String> audited() {
        return round.items("AUDIT").stream().map(a -> a.get("action").s() + " " + a.get("subject").s()).toList();
    }

    /**
     * After the re-match window, two people left alone: one member of each of two partnerships
     * is withdrawn by the team, so the others are alone at once (nobody will re-match them).
     * Returns the two left alone, of different countries.
     */
    List<String> twoLeftAlone() {
        publish();
        round.clock.set(AFTER_THE_WINDOW);
        List<PartnershipStore.Pair> active = pairs();
        PartnershipStore.Pair first = active.get(0);
        String stays = first.members().get(0);
        for (PartnershipStore.Pair other : active.subList(1, active.size())) {
            for (String candidate : other.members()) {
                if (!countryOf(candidate).equals(countryOf(stays))) {
                    String leaves = other.members().stream().filter(m -> !m.equals(candidate)).findFirst().orElseThrow();
                    assertThat(post("/api/coordinate/withdraw", team(), "participant=" + first.members().get(1))
                            .getStatusCode()).isEqualTo(303);
                    assertThat(post("/api/coordinate/withdraw", team(), "participant=" + leaves).getStatusCode())
                            .isEqualTo(303);
                    return List.of(stays, candidate);
                }
            }
        }
        throw new AssertionError("no two partnerships with members of different countries");
    }

    @Nested
    class Marking_someone_withdrawn {

        @Test
        void before_matching_takes_them_out_of_the_next_draft_acknowledges_once_and_is_audited() throws Exception {
            // given
            config = aws.approvalRequired();
            night();

            // when: a double click
            APIGatewayV2HTTPResponse first = post("/api/coordinate/withdraw", team(), "participant=p-03");
            APIGatewayV2HTTPResponse again = post("/api/coordinate/withdraw", team(), "participant=p-03");
            round.clock.advance(Duration.ofDays(1));
            night();

            // then
            assertThat(first.getStatusCode()).isEqualTo(303);
            assertThat(first.getHeaders().get("Location")).endsWith("&done=withdrawn");
            assertThat(again.getHeaders().get("Location")).endsWith("&done=already");
            assertThat(round.status("p-03")).isEqualTo("WITHDRAWN");
            assertThat(aws.sentMail()).filteredOn(m -> m.to().equals(round.email("p-03"))).hasSize(1);
            assertThat(audited()).containsExactly("withdraw p-03");
            JsonNode next = draftModel("draft-report:2026-1:2026-02-17:");
            assertThat(next.get("sheet").get("rows").toString()).doesNotContain("p-03");
            assertThat(next.get("actions").toString()).contains("ILN programme team (the programme team): marked withdrawn p-03");
            assertThat(page(team())).contains("marked withdrawn p-03");
        }

        @Test
        void after_the_re_match_window_dissolves_the_partnership_and_tells_the_partner_as_their_own_withdrawal_does() {
            // given
            publish();
            round.clock.set(AFTER_THE_WINDOW);
            PartnershipStore.Pair pair = activePairOf("p-01");
            String partner = pair.members().stream().filter(m -> !m.equals("p-01")).findFirst().orElseThrow();

            // when
            APIGatewayV2HTTPResponse withdrawn = post("/api/coordinate/withdraw", team(), "participant=p-01");

            // then
            assertThat(withdrawn.getStatusCode()).isEqualTo(303);
            assertThat(round.status("p-01")).isEqualTo("WITHDRAWN");
            assertThat(round.status(partner)).isEqualTo("CONFIRMED");
            assertThat(pairs()).filteredOn(p -> p.id().equals(pair.id()))
                    .singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(PartnershipStore.PairStatus.DISSOLVED));
            assertThat(round.mailKeys("partner-left:2026-1:" + pair.id() + ":" + partner)).hasSize(1);
        }

        @Test
        void a_country_coordinator_withdraws_their_country_s_people_only() {
            // given: AU people are p-06 and p-12
            night();
            String au = link(AU_COORDINATOR, "country:AU");

            // when
            APIGatewayV2HTTPResponse elsewhere = post("/api/coordinate/withdraw", au, "participant=p-01");
            APIGatewayV2HTTPResponse unknown = post("/api/coordinate/withdraw", au, "participant=p-99");
            APIGatewayV2HTTPResponse theirs = post("/api/coordinate/withdraw", au, "participant=p-06");

            // then: the same answer for someone elsewhere and someone nowhere
            assertThat(elsewhere.getStatusCode()).isEqualTo(400);
            // worded in the coordinator's language (the roster says Spanish)
            assertThat(elsewhere.getBody()).contains("participant", "no es participante de esta ronda entre sus personas");
            assertThat(unknown.getBody()).isEqualTo(elsewhere.getBody());
            assertThat(round.status("p-01")).isEqualTo("CONFIRMED");
            assertThat(theirs.getStatusCode()).isEqualTo(303);
            assertThat(round.status("p-06")).isEqualTo("WITHDRAWN");
            assertThat(round.items("AUDIT")).singleElement()
                    .satisfies(a -> assertThat(a.get("scope").s()).isEqualTo("country:AU"))
                    .satisfies(a -> assertThat(a.get("by").s()).isEqualTo("Mara Quillfeather"));
        }
    }

    @Nested
    class Resending {

        @Test
        void an_introduction_goes_through_the_outbox_once_a_day_however_often_it_is_asked_for() {
            // given
            publish();
            PartnershipStore.Pair pair = activePairOf("p-02");

            // when: a double click, then the same tomorrow
            APIGatewayV2HTTPResponse first = post("/api/coordinate/resend", team(), "participant=p-02&what=introduction");
            APIGatewayV2HTTPResponse replay = post("/api/coordinate/resend", team(), "participant=p-02&what=introduction");
            round.clock.advance(Duration.ofDays(1));
            post("/api/coordinate/resend", team(), "participant=p-02&what=introduction");

            // then
            assertThat(first.getHeaders().get("Location")).endsWith("&done=resent");
            assertThat(replay.getHeaders().get("Location")).endsWith("&done=already");
            assertThat(round.mailKeys("resent-introduction:2026-1:" + pair.id() + "-")).containsExactly(
                    "resent-introduction:2026-1:" + pair.id() + "-2026-02-23:p-02",
                    "resent-introduction:2026-1:" + pair.id() + "-2026-02-24:p-02");
            assertThat(audited()).containsExactly("resend introduction p-02", "resend introduction p-02");
        }

        @Test
        void a_confirmation_to_a_confirmed_applicant_but_nothing_to_someone_without_one_named_by_field() {
            // given
            config = aws.approvalRequired();
            night();

            // when
            APIGatewayV2HTTPResponse confirmation = post("/api/coordinate/resend", team(),
                    "participant=p-04&what=confirmation");
            APIGatewayV2HTTPResponse introduction = post("/api/coordinate/resend", team(),
                    "participant=p-04&what=introduction");
            APIGatewayV2HTTPResponse neither = post("/api/coordinate/resend", team(), "participant=p-04&what=both");

            // then
            assertThat(confirmation.getStatusCode()).isEqualTo(303);
            assertThat(round.mailKeys("resent-confirmed:2026-1:2026-02-16:p-04")).hasSize(1);
            assertThat(introduction.getStatusCode()).isEqualTo(400);
            assertThat(introduction.getBody()).contains("has no active partnership to introduce");
            assertThat(neither.getStatusCode()).isEqualTo(400);
            assertThat(neither.getBody()).contains("what");
            assertThat(audited()).containsExactly("resend confirmation p-04");
        }
    }

    @Nested
    class Pairing_two_people_left_alone {

        @Test
        void writes_one_partnership_introduces_both_once_and_lists_it_in_the_audit() {
            // given
            List<String> alone = twoLeftAlone();
            String teamPage = page(team());
            assertThat(teamPage).contains("id=\"alone\"", alone.get(0), alone.get(1));

            // when: a double click
            APIGatewayV2HTTPResponse paired = post("/api/coordinate/pair", team(),
                    "first=" + alone.get(0) + "&second=" + alone.get(1));
            APIGatewayV2HTTPResponse replay = post("/api/coordinate/pair", team(),
                    "first=" + alone.get(1) + "&second=" + alone.get(0));

            // then
            assertThat(paired.getHeaders().get("Location")).endsWith("&done=paired");
            assertThat(replay.getHeaders().get("Location")).endsWith("&done=already");
            PartnershipStore.Pair pair = activePairOf(alone.get(0));
            assertThat(pair.members()).containsExactlyInAnyOrderElementsOf(alone);
            assertThat(pair.rematch()).isTrue();
            assertThat(pair.reasons()).isNotEmpty();
            assertThat(round.status(alone.get(0))).isEqualTo("MATCHED");
            assertThat(round.mailKeys("new-partner:2026-1:" + pair.id() + ":")).hasSize(2);
            assertThat(audited()).filteredOn(a -> a.startsWith("pair ")).singleElement()
                    .satisfies(a -> assertThat(a).contains(alone.get(0), alone.get(1), pair.id()));
            assertThat(page(team())).doesNotContain("id=\"alone\"").contains("id=\"alone-none\"");
        }

        @Test
        void is_refused_naming_why_when_a_rule_forbids_it_or_one_is_not_alone() {
            // given
            List<String> alone = twoLeftAlone();
            String matched = pairs().stream().filter(p -> p.status() == PartnershipStore.PairStatus.ACTIVE)
                    .findFirst().orElseThrow().members().get(0);
            // kept apart by the maintainers (./iln coordinate): after publishing the page no longer forbids
            new PartnershipStore(aws.dynamo(), Aws.TABLE).putCoordination(RoundFixture.ROUND,
                    new PartnershipStore.Coordination(List.of(), List.of(List.of(alone.get(0), alone.get(1)))));

            // when
            APIGatewayV2HTTPResponse notAlone = post("/api/coordinate/pair", team(),
                    "first=" + alone.get(0) + "&second=" + matched);
            APIGatewayV2HTTPResponse keptApart = post("/api/coordinate/pair", team(),
                    "first=" + alone.get(0) + "&second=" + alone.get(1));

            // then
            assertThat(notAlone.getStatusCode()).isEqualTo(400);
            assertThat(notAlone.getBody()).contains("second", matched + " is not left alone");
            assertThat(keptApart.getStatusCode()).isEqualTo(400);
            assertThat(keptApart.getBody()).contains("they cannot be partners: the pair is forbidden");
            assertThat(round.status(alone.get(0))).isEqualTo("CONFIRMED");
        }

        @Test
        void of_two_people_of_one_country_is_refused_by_the_matcher_s_rule() {
            // given: the fixture's countries repeat every sixth person
            publish();
            round.clock.set(AFTER_THE_WINDOW);
            for (String leaves : List.of("p-01", "p-07")) {
                String partner = activePairOf(leaves).members().stream().filter(m -> !m.equals(leaves)).findFirst()
                        .orElseThrow();
                post("/api/coordinate/withdraw", team(), "participant=" + partner);
            }

            // when
            APIGatewayV2HTTPResponse sameCountry = post("/api/coordinate/pair", team(), "first=p-01&second=p-07");

            // then
            assertThat(sameCountry.getStatusCode()).isEqualTo(400);
            assertThat(sameCountry.getBody()).contains("they cannot be partners: partners must work in different countries");
            assertThat(round.status("p-01")).isEqualTo("CONFIRMED");
        }

        @Test
        void a_country_coordinator_sees_their_country_s_people_left_alone_but_no_pairing_form() {
            // given: p-06 (AU) and someone of another country left alone after the window
            publish();
            round.clock.set(AFTER_THE_WINDOW);
            String elsewhere = pairs().stream().filter(p -> !p.members().contains("p-06"))
                    .flatMap(p -> p.members().stream()).filter(m -> !countryOf(m).equals("AU")).findFirst()
                    .orElseThrow();
            for (String stays : List.of("p-06", elsewhere)) {
                String partner = activePairOf(stays).members().stream().filter(m -> !m.equals(stays)).findFirst()
                        .orElseThrow();
                post("/api/coordinate/withdraw", team(), "participant=" + partner);
            }

            // when
            String auPage = page(link(AU_COORDINATOR, "country:AU"));
            String teamPage = page(team());

            // then
            String auAlone = auPage.substring(auPage.indexOf("id=\"alone\""), auPage.indexOf("</table>",
                    auPage.indexOf("id=\"alone\"")));
            assertThat(auAlone).contains("p-06").doesNotContain(elsewhere);
            assertThat(auPage).doesNotContain("/api/coordinate/pair?").contains("Solo el equipo del programa empareja");
            assertThat(teamPage).contains("action=\"/api/coordinate/pair?token=");
        }

        @Test
        void is_the_programme_team_s_and_waits_for_publishing() {
            // given
            config = aws.approvalRequired();
            night();

            // when
            APIGatewayV2HTTPResponse beforePublishing = post("/api/coordinate/pair", team(), "first=p-01&second=p-02");
            APIGatewayV2HTTPResponse byACountry = post("/api/coordinate/pair", link(AU_COORDINATOR, "country:AU"),
                    "first=p-06&second=p-01");

            // then
            assertThat(beforePublishing.getStatusCode()).isEqualTo(409);
            assertThat(beforePublishing.getBody()).contains("not published yet");
            assertThat(byACountry.getStatusCode()).isEqualTo(403);
            assertThat(round.items("PAIR")).isEmpty();
            assertThat(round.items("AUDIT")).isEmpty();
        }

        @Test
        void two_coordinators_pairing_the_same_person_at_once_give_them_one_active_partnership() throws Exception {
            // given: a third person left alone, of another country than the first
            List<String> alone = twoLeftAlone();
            String third = pairs().stream().filter(p -> p.status() == PartnershipStore.PairStatus.ACTIVE)
                    .flatMap(p -> p.members().stream())
                    .filter(m -> !countryOf(m).equals(countryOf(alone.get(0)))).findFirst().orElseThrow();
            String thirdsPartner = activePairOf(third).members().stream().filter(m -> !m.equals(third)).findFirst()
                    .orElseThrow();
            post("/api/coordinate/withdraw", team(), "participant=" + thirdsPartner);

            // when: both at once
            ExecutorService two = Executors.newFixedThreadPool(2);
            List<Callable<APIGatewayV2HTTPResponse>> moves = List.of(
                    () -> post("/api/coordinate/pair", team(), "first=" + alone.get(0) + "&second=" + alone.get(1)),
                    () -> post("/api/coordinate/pair", team(), "first=" + alone.get(0) + "&second=" + third));
            List<Integer> statuses = new ArrayList<>();
            try {
                for (Future<APIGatewayV2HTTPResponse> answer : two.invokeAll(moves)) {
                    statuses.add(answer.get().getStatusCode());
                }
            } finally {
                two.shutdownNow();
            }

            // then
            assertThat(pairs()).filteredOn(p -> p.status() == PartnershipStore.PairStatus.ACTIVE)
                    .filteredOn(p -> p.members().contains(alone.get(0))).hasSize(1);
            assertThat(statuses).contains(303);
            RoundInvariants invariants = new RoundInvariants(aws.dynamo(), Aws.TABLE,
                    new ApplicationStore(aws.dynamo(), Aws.TABLE), new MailStore(aws.dynamo(), Aws.TABLE),
                    new PartnershipStore(aws.dynamo(), Aws.TABLE));
            assertThat(invariants.checkRound(RoundFixture.ROUND).inTwoActivePartnerships()).isZero();
        }
    }

    @Nested
    class A_bad_link {

        @Test
        void tampered_or_expired_does_nothing() {
            // given
            publish();
            String token = team();
            String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            round.clock.advance(Purpose.COORDINATE.validity().plus(Duration.ofMinutes(1)));
            String expired = token;

            for (String bad : List.of(tampered, expired)) {
                // when
                List<APIGatewayV2HTTPResponse> answers = List.of(
                        post("/api/coordinate/withdraw", bad, "participant=p-01"),
                        post("/api/coordinate/resend", bad, "participant=p-01&what=introduction"),
                        post("/api/coordinate/pair", bad, "first=p-01&second=p-02"));

                // then
                assertThat(answers).allSatisfy(a -> assertThat(a.getHeaders().get("Location"))
                        .isEqualTo("/link-expired.html"));
            }
            assertThat(round.status("p-01")).isEqualTo("MATCHED");
            assertThat(round.mailKeys("resent-")).isEmpty();
            assertThat(round.items("AUDIT")).isEmpty();
        }
    }

    @Nested
    class A_fresh_link_by_email {

        APIGatewayV2HTTPResponse ask(String email) {
            return api().handleRequest(Events.post("/api/coordinate/link", FORM, "email=" + email), null);
        }

        @Test
        void reaches_a_roster_address_once_a_day_and_opens_its_page() {
            // when
            APIGatewayV2HTTPResponse first = ask(TEAM);
            APIGatewayV2HTTPResponse again = ask(TEAM);

            // then
            assertThat(first.getStatusCode()).isEqualTo(303);
            assertThat(first.getHeaders().get("Location")).isEqualTo(again.getHeaders().get("Location"));
            List<SentMail> sent = aws.sentMail();
            assertThat(sent).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo(TEAM));
            String token = sent.get(0).token("/api/coordinate");
            assertThat(api().handleRequest(Events.get("/api/coordinate", token), null).getStatusCode()).isEqualTo(200);
            assertThat(sent.get(0).text()).contains("Round 1, 2026", ", programme team");
        }

        @Test
        void gives_a_country_coordinator_their_country_s_page() {
            ask(AU_COORDINATOR);

            SentMail mail = aws.sentMail().get(0);
            assertThat(mail.text()).contains("Country Coordinator for Australia");
            // their page is in the language the roster names for them (Spanish)
            assertThat(page(mail.token("/api/coordinate"))).contains("Coordinación de país, Australia");
        }

        @Test
        void answers_an_address_off_the_roster_the_same_and_mails_nothing() {
            APIGatewayV2HTTPResponse known = ask(TEAM);
            APIGatewayV2HTTPResponse unknown = ask("stranger@example.org");
            APIGatewayV2HTTPResponse invalid = ask("not-an-address");

            assertThat(unknown.getStatusCode()).isEqualTo(known.getStatusCode());
            assertThat(unknown.getHeaders().get("Location")).isEqualTo(known.getHeaders().get("Location"));
            assertThat(aws.sentMail()).hasSize(1);
            assertThat(invalid.getStatusCode()).isEqualTo(400);
            assertThat(invalid.getBody()).contains("email");
        }
    }

    @Nested
    class Erasing_a_participant {

        @Test
        void deletes_the_holds_pins_and_forbids_naming_them_and_anonymises_the_audit() {
            // given: coordinators' decisions about p-03, and about others
            config = aws.approvalRequired();
            night();
            String team = team();
            String heldWithP03 = CoordinationTest.partnerships(page(team)).stream()
                    .filter(id -> activeDraftPairHas(team, id, "p-03")).findFirst().orElseThrow();
            post("/api/coordinate/hold", team, "partnership=" + heldWithP03);
            String other = pinnable("p-03");
            post("/api/coordinate/forbid", team, "first=p-03&second=" + other);
            post("/api/coordinate/withdraw", team, "participant=p-04");
            new PartnershipStore(aws.dynamo(), Aws.TABLE).putCoordination(RoundFixture.ROUND,
                    new PartnershipStore.Coordination(List.of(List.of("p-03", other)),
                            List.of(List.of("p-05", "p-09"))));
            int audits = round.items("AUDIT").size();

            // when: p-03 asks for erasure and follows the link
            api().handleRequest(Events.post("/api/erase", "application/json",
                    "{\"email\":\"" + round.email("p-03") + "\"}"), null);
            String token = aws.sentMail().stream().filter(m -> m.to().equals(round.email("p-03")))
                    .reduce((a, b) -> b).orElseThrow().token("/api/erase");
            APIGatewayV2HTTPResponse erased = api().handleRequest(Events.postWithToken("/api/erase", token, FORM, ""),
                    null);

            // then
            assertThat(erased.getHeaders().get("Location")).isEqualTo("/erased.html");
            assertThat(round.items("HOLD")).isEmpty();
            assertThat(round.items("FORBID")).isEmpty();
            assertThat(round.items("AUDIT")).hasSize(audits)
                    .noneSatisfy(a -> assertThat(a.get("subject").s()).contains("p-03"))
                    .anySatisfy(a -> assertThat(a.get("subject").s()).contains("(erased)"))
                    .anySatisfy(a -> assertThat(a.get("subject").s()).isEqualTo("p-04"));
            PartnershipStore.Coordination left = new PartnershipStore(aws.dynamo(), Aws.TABLE)
                    .coordination(RoundFixture.ROUND);
            assertThat(left.pins()).isEmpty();
            assertThat(left.forbids()).containsExactly(List.of("p-05", "p-09"));
            String actions = page(team).split("id=\"actions\"")[1];
            assertThat(actions).contains("(erased)").doesNotContain("p-03");
        }

        /** Someone of another country than {@code id}, so that the two may be pinned or forbidden. */
        String pinnable(String id) {
            return java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(RoundFixture::id)
                    .filter(other -> !countryOf(other).equals(countryOf(id))).findFirst().orElseThrow();
        }

        boolean activeDraftPairHas(String token, String partnership, String id) {
            String body = page(token);
            int at = body.indexOf("value=\"" + partnership + "\"");
            int row = body.lastIndexOf("<tr>", at);
            return body.substring(row, at).contains(id);
        }
    }

    JsonNode draftModel(String keyPrefix) throws Exception {
        String key = round.mailKeys(keyPrefix).get(0);
        Map<String, AttributeValue> item = aws.dynamo().getItem(b -> b.tableName(Aws.TABLE)
                .key(Map.of("pk", AttributeValue.fromS("MAIL#" + key), "sk", AttributeValue.fromS("MAIL")))).item();
        return Json.newMapper().readTree(item.get("model").s());
    }
}
