package org.iln.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.iln.config.FunctionsConfig;
import org.iln.json.Json;
import org.iln.round.DraftReview;
import org.iln.round.NightlyMatchingHandler;
import org.iln.round.PartnershipStore;
import org.iln.round.RoundFixture;
import org.iln.signup.ApiHandler;
import org.iln.store.AddressHasher;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
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
 * Coordinators running a round from their inbox: the draft with every row and its CSV, scoped by
 * country; nothing published before a programme coordinator approves the exact draft; holds
 * re-solved as forbids; the private page behind a scoped link. Against the emulator, through the
 * nightly handler and the API handler.
 */
@ExtendWith(AwsEmulator.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CoordinationTest {

    static final String TEAM = "team@iln.example.org";
    static final String AU_COORDINATOR = "iln-au@iln.example.org";
    static final String FORM = "application/x-www-form-urlencoded";

    Aws aws;
    RoundFixture round;
    FunctionsConfig config;
    SignedLinks links;
    AddressHasher hasher;

    @BeforeEach
    void setUp(Aws aws) {
        this.aws = aws;
        round = new RoundFixture(aws);
        config = aws.approvalRequired();
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

    JsonNode model(String mailKey) throws Exception {
        Map<String, AttributeValue> item = aws.dynamo().getItem(b -> b.tableName(Aws.TABLE)
                .key(Map.of("pk", AttributeValue.fromS("MAIL#" + mailKey), "sk", AttributeValue.fromS("MAIL")))).item();
        return Json.newMapper().readTree(item.get("model").s());
    }

    String version() {
        return aws.dynamo().getItem(b -> b.tableName(Aws.TABLE).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("ROUND#" + RoundFixture.ROUND), "sk", AttributeValue.fromS("DRAFT"))))
                .item().get("version").s();
    }

    APIGatewayV2HTTPResponse post(String path, String token, String body) {
        return api().handleRequest(Events.postWithToken(path, token, FORM, body), null);
    }

    @Nested
    class The_draft_mail {

        @Test
        void lists_every_pair_with_names_countries_score_and_reasons_and_carries_them_as_a_csv() throws Exception {
            // when
            night();

            // then
            String key = round.mailKeys("draft-report:2026-1:2026-02-16:").get(0);
            JsonNode model = model(key);
            JsonNode sheet = model.get("sheet");
            assertThat(sheet.get("filename").asText()).isEqualTo("draft-2026-1-2026-02-16.csv");
            assertThat(sheet.get("columns").toString()).contains("participant ids", "names", "countries", "score",
                    "pinned", "reasons");
            assertThat(sheet.get("rows")).hasSize(6);
            JsonNode first = sheet.get("rows").get(0);
            assertThat(first.get(0).asText()).isEqualTo("pair");
            assertThat(first.get(2).asText()).matches("p-\\d\\d / p-\\d\\d");
            assertThat(first.get(3).asText()).contains("Namep", "Family");
            assertThat(first.get(7).asText()).isNotBlank();
            assertThat(model.get("canApprove").asBoolean()).isTrue();
            assertThat(model.get("approved").asBoolean()).isFalse();
            // the roster names no language for the programme team: the default one
            assertThat(model.get("language").asText()).isEmpty();
        }

        @Test
        void to_a_country_coordinator_holds_only_rows_involving_their_country_and_no_approval() throws Exception {
            // when
            night();

            // then: AU people are p-06 and p-12 (every sixth in the fixture)
            String key = round.mailKeys("country-draft-report:2026-1:2026-02-16-AU:").get(0);
            JsonNode model = model(key);
            assertThat(model.get("canApprove").asBoolean()).isFalse();
            // the roster says the AU coordinator reads Spanish
            assertThat(model.get("language").asText()).isEqualTo("es");
            JsonNode rows = model.get("sheet").get("rows");
            assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row.get(4).asText()).contains("AU"));
            assertThat(model.get("summary")).isEmpty();
            assertThat(round.mailKeys("country-draft-report:")).hasSize(1);
        }
    }

    @Nested
    class Publishing {

        @Test
        void waits_for_approval_on_the_match_date_and_the_next_night_after_approval_publishes_that_draft() {
            // given: the match date, nothing approved
            round.clock.set(RoundFixture.MATCH_DATE);

            // when
            String first = night();

            // then: a draft to approve, nothing published
            assertThat(first).contains("drafts=1", "published=0");
            assertThat(round.items("PAIR")).isEmpty();
            assertThat(round.mailKeys("introduction:")).isEmpty();

            // when: the team approves it from the page, and the next night runs
            String token = link(TEAM, "programme");
            APIGatewayV2HTTPResponse approved = post("/api/coordinate/approve", token, "version=" + version());
            round.clock.advance(Duration.ofDays(1));
            String second = night();

            // then
            assertThat(approved.getStatusCode()).isEqualTo(303);
            assertThat(approved.getHeaders().get("Location")).endsWith("&done=approved");
            assertThat(second).contains("published=6");
            assertThat(round.mailKeys("introduction:2026-1:")).hasSize(12);
            assertThat(round.items("AUDIT")).singleElement()
                    .satisfies(a -> assertThat(a.get("action").s()).isEqualTo("approve"))
                    .satisfies(a -> assertThat(a.get("by").s()).isEqualTo("ILN programme team"));
        }

        @Test
        void an_approval_of_a_draft_that_changed_since_approves_nothing() {
            // given: a draft shown, then a newer one (a pair held in between)
            night();
            String shown = version();
            String token = link(TEAM, "programme");
            String pair = firstPartnership(token);
            post("/api/coordinate/hold", token, "partnership=" + pair);
            round.clock.advance(Duration.ofDays(1));
            night();

            // when: the old page's approval arrives
            APIGatewayV2HTTPResponse late = post("/api/coordinate/approve", token, "version=" + shown);

            // then
            assertThat(version()).isNotEqualTo(shown);
            assertThat(late.getStatusCode()).isEqualTo(409);
            assertThat(round.items("APPROVAL")).isEmpty();
        }

        @Test
        void approving_twice_records_one_approval() {
            night();
            String token = link(TEAM, "programme");

            post("/api/coordinate/approve", token, "version=" + version());
            APIGatewayV2HTTPResponse again = post("/api/coordinate/approve", token, "version=" + version());

            assertThat(again.getStatusCode()).isEqualTo(303);
            assertThat(round.items("APPROVAL")).hasSize(1);
            assertThat(round.items("AUDIT")).hasSize(1);
        }

        @Test
        void a_deployment_that_opts_in_publishes_unapproved_matching_n_days_after_the_match_date_and_warns_before() throws Exception {
            // given
            config = config.withAutoPublishAfterDays(2);
            night();
            assertThat(model(round.mailKeys("draft-report:").get(0)).get("autoPublishOn").asText())
                    .isEqualTo("2026-02-25");

            // when: the match date, then two days after it
            round.clock.set(RoundFixture.MATCH_DATE);
            String onTheDay = night();
            round.clock.set(RoundFixture.MATCH_DATE.plus(Duration.ofDays(2)));
            String twoDaysOn = night();

            // then
            assertThat(onTheDay).contains("published=0");
            assertThat(twoDaysOn).contains("published=6");
            assertThat(model(round.mailKeys("published-report:").get(0)).get("summary").get("unapproved").asBoolean())
                    .isTrue();
        }
    }

    String firstPartnership(String token) {
        APIGatewayV2HTTPResponse page = api().handleRequest(Events.get("/api/coordinate", token), null);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"partnership\" value=\"([0-9a-f]+)\"")
                .matcher(page.getBody());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Nested
    class Holding_a_pair {

        @Test
        void re_solves_the_next_draft_without_it_and_the_next_draft_shows_who_held_it() throws Exception {
            // given
            night();
            String token = link(TEAM, "programme");
            String pair = firstPartnership(token);

            // when
            APIGatewayV2HTTPResponse held = post("/api/coordinate/hold", token, "partnership=" + pair);
            post("/api/coordinate/hold", token, "partnership=" + pair);
            round.clock.advance(Duration.ofDays(1));
            night();

            // then
            assertThat(held.getStatusCode()).isEqualTo(303);
            assertThat(round.items("HOLD")).hasSize(1);
            JsonNode next = model(round.mailKeys("draft-report:2026-1:2026-02-17:").get(0));
            assertThat(next.get("sheet").get("rows").toString()).doesNotContain(pair);
            assertThat(next.get("actions").toString()).contains("ILN programme team (the programme team): held " + pair);
        }
    }

    @Nested
    class Holding_a_pair_after_approving {

        @Test
        void withdraws_the_approval_so_the_held_pair_is_never_published_and_the_re_solved_draft_waits_for_approval() {
            // given: on the match date the team approves the draft, then holds one of its pairs
            round.clock.set(RoundFixture.MATCH_DATE);
            night();
            String token = link(TEAM, "programme");
            String shown = version();
            post("/api/coordinate/approve", token, "version=" + shown);
            String pair = firstPartnership(token);
            post("/api/coordinate/hold", token, "partnership=" + pair);

            // when: the same draft is approved again, and the next night runs
            APIGatewayV2HTTPResponse again = post("/api/coordinate/approve", token, "version=" + shown);
            round.clock.advance(Duration.ofDays(1));
            String next = night();

            // then: nothing published; a re-solved draft without the pair, not approved
            assertThat(again.getStatusCode()).isEqualTo(409);
            assertThat(round.items("APPROVAL")).isEmpty();
            assertThat(next).contains("drafts=1", "published=0");
            assertThat(round.items("PAIR")).isEmpty();
            assertThat(version()).isNotEqualTo(shown);
        }
    }

    @Nested
    class Changing_the_lists_of_iln_coordinate {

        DraftReview review() {
            return new DraftReview(aws.dynamo(), Aws.TABLE, new PartnershipStore(aws.dynamo(), Aws.TABLE));
        }

        @Test
        void withdraws_the_approval_so_an_approved_pair_kept_apart_is_never_published_and_the_audit_shows_who() throws Exception {
            // given: on the match date the team approves the draft
            round.clock.set(RoundFixture.MATCH_DATE);
            night();
            String shown = version();
            post("/api/coordinate/approve", link(TEAM, "programme"), "version=" + shown);
            String[] pair = rowIds(model(round.mailKeys("draft-report:").get(0))).get(0).split(" / ");

            // when: a maintainer keeps its first pair apart with ./iln coordinate, and the next night runs
            PartnershipStore.Coordination after =
                    new PartnershipStore.Coordination(List.of(), List.of(List.of(pair[1], pair[0])));
            boolean changed = review().coordinate(RoundFixture.ROUND, PartnershipStore.Coordination.NONE, after, "Ana",
                    round.clock.instant(), round.clock.instant().plus(Duration.ofDays(400)));
            round.clock.advance(Duration.ofDays(1));
            String next = night();

            // then: nothing published; a re-solved draft without the pair, which lists the change and who made it
            assertThat(changed).isTrue();
            assertThat(round.items("APPROVAL")).isEmpty();
            assertThat(next).contains("drafts=1", "published=0");
            assertThat(round.items("PAIR")).isEmpty();
            JsonNode redrafted = model(round.mailKeys("draft-report:2026-1:2026-02-24:").get(0));
            assertThat(rowIds(redrafted)).noneSatisfy(ids ->
                    assertThat(List.of(ids.split(" / "))).containsExactlyInAnyOrder(pair));
            assertThat(redrafted.get("actions").toString())
                    .contains("Ana (the programme team): kept apart " + String.join(" / ", Stream.of(pair).sorted().toList()));
        }

        @Test
        void the_same_lists_again_write_nothing_and_a_removed_pair_is_audited_as_removed() {
            night();
            List<String> ids = round.items("APPLICATION").stream().map(item -> item.get("participantId").s())
                    .sorted().toList();
            PartnershipStore.Coordination pinned =
                    new PartnershipStore.Coordination(List.of(List.of(ids.get(0), ids.get(1))), List.of());
            Instant kept = round.clock.instant().plus(Duration.ofDays(400));
            review().coordinate(RoundFixture.ROUND, PartnershipStore.Coordination.NONE, pinned, "Ana", round.clock.instant(), kept);

            boolean again = review().coordinate(RoundFixture.ROUND, pinned,
                    new PartnershipStore.Coordination(List.of(List.of(ids.get(1), ids.get(0))), List.of()), "Ana",
                    round.clock.instant(), kept);
            round.clock.advance(Duration.ofMinutes(5));
            boolean removed = review().coordinate(RoundFixture.ROUND, pinned, PartnershipStore.Coordination.NONE, "Bo",
                    round.clock.instant(), kept);

            assertThat(again).isFalse();
            assertThat(removed).isTrue();
            assertThat(review().actions(RoundFixture.ROUND)).extracting(DraftReview.Action::by, DraftReview.Action::action,
                    DraftReview.Action::subject).containsExactly(
                    tuple("Ana", "pin", ids.get(0) + " / " + ids.get(1)),
                    tuple("Bo", "unpin", ids.get(0) + " / " + ids.get(1)));
            assertThat(new PartnershipStore(aws.dynamo(), Aws.TABLE).coordination(RoundFixture.ROUND))
                    .isEqualTo(PartnershipStore.Coordination.NONE);
        }
    }

    @Nested
    class Pinning_and_keeping_apart {

        @Test
        void a_pin_from_the_page_pairs_the_two_in_the_next_draft_marked_pinned_and_audited() throws Exception {
            // given: two people of different countries, each proposed with someone else
            night();
            String token = link(TEAM, "programme");
            JsonNode rows = model(round.mailKeys("draft-report:").get(0)).get("sheet").get("rows");
            String[] a = rows.get(0).get(2).asText().split(" / ");
            String aCountry = rows.get(0).get(4).asText().split(" / ")[0];
            String[] b = null;
            for (int r = 1; b == null; r++) {
                String[] ids = rows.get(r).get(2).asText().split(" / ");
                String[] countries = rows.get(r).get(4).asText().split(" / ");
                for (int i = 0; i < ids.length; i++) {
                    if (!countries[i].equals(aCountry)) {
                        b = new String[] {ids[i]};
                        break;
                    }
                }
            }

            // when
            APIGatewayV2HTTPResponse pinned = post("/api/coordinate/pin", token, "first=" + a[0] + "&second=" + b[0]);
            post("/api/coordinate/pin", token, "first=" + b[0] + "&second=" + a[0]);
            final String[] pinnedPair = {a[0], b[0]};
            round.clock.advance(Duration.ofDays(1));
            night();

            // then
            assertThat(pinned.getStatusCode()).isEqualTo(303);
            assertThat(round.items("PIN")).hasSize(1);
            JsonNode next = model(round.mailKeys("draft-report:2026-1:2026-02-17:").get(0));
            assertThat(next.get("sheet").get("rows")).anySatisfy(row -> {
                assertThat(List.of(row.get(2).asText().split(" / "))).containsExactlyInAnyOrder(pinnedPair);
                assertThat(row.get(6).asText()).isEqualTo("yes");
            });
            assertThat(next.get("actions").toString()).contains("pinned ");
        }

        @Test
        void a_forbid_keeps_a_proposed_pair_apart_and_a_double_click_forbids_once() throws Exception {
            night();
            String token = link(TEAM, "programme");
            String[] pair = rowIds(model(round.mailKeys("draft-report:").get(0))).get(0).split(" / ");

            post("/api/coordinate/forbid", token, "first=" + pair[0] + "&second=" + pair[1]);
            post("/api/coordinate/forbid", token, "first=" + pair[0] + "&second=" + pair[1]);
            round.clock.advance(Duration.ofDays(1));
            night();

            assertThat(round.items("FORBID")).hasSize(1);
            assertThat(rowIds(model(round.mailKeys("draft-report:2026-1:2026-02-17:").get(0))))
                    .noneSatisfy(ids -> assertThat(List.of(ids.split(" / "))).containsExactlyInAnyOrder(pair));
        }

        @Test
        void a_country_coordinator_cannot_pin_or_forbid_people_outside_their_rows_and_bad_ids_are_named() {
            night();
            String au = link(AU_COORDINATOR, "country:AU");
            String auPage = api().handleRequest(Events.get("/api/coordinate", au), null).getBody();
            List<String> theirs = partnerships(auPage);
            // two people in no row of theirs
            List<String> others = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(RoundFixture::id)
                    .filter(id -> !auPage.contains(id)).toList();

            APIGatewayV2HTTPResponse outside = post("/api/coordinate/forbid", au,
                    "first=" + others.get(0) + "&second=" + others.get(1));
            APIGatewayV2HTTPResponse bad = post("/api/coordinate/pin", au, "first=%3Cb%3E&second=");

            assertThat(theirs).hasSize(2);
            assertThat(outside.getStatusCode()).isEqualTo(400);
            assertThat(bad.getStatusCode()).isEqualTo(400);
            assertThat(bad.getBody()).contains("first", "second").doesNotContain("<b>");
            assertThat(round.items("FORBID")).isEmpty();
            assertThat(round.items("PIN")).isEmpty();
        }
    }

    static List<String> rowIds(JsonNode model) {
        List<String> ids = new java.util.ArrayList<>();
        model.get("sheet").get("rows").forEach(row -> {
            if (!row.get(0).asText().equals("not matched")) {
                ids.add(row.get(2).asText());
            }
        });
        return ids;
    }

    @Nested
    class The_coordinator_page {

        @Test
        void shows_the_programme_team_every_row_and_an_approve_form_without_javascript() {
            night();

            APIGatewayV2HTTPResponse page = api().handleRequest(Events.get("/api/coordinate", link(TEAM, "programme")),
                    null);

            assertThat(page.getStatusCode()).isEqualTo(200);
            assertThat(page.getBody()).contains("ILN programme team", "data-state=\"waiting\"",
                    "action=\"/api/coordinate/approve?token=", "name=\"version\" value=\"" + version() + "\"")
                    .doesNotContain("<script");
            assertThat(page.getBody().split("name=\"partnership\"", -1)).hasSize(7);
        }

        @Test
        void a_country_coordinator_sees_and_holds_only_their_country_and_cannot_approve() {
            // given
            night();
            String au = link(AU_COORDINATOR, "country:AU");
            String team = link(TEAM, "programme");
            String auPage = api().handleRequest(Events.get("/api/coordinate", au), null).getBody();
            String teamPage = api().handleRequest(Events.get("/api/coordinate", team), null).getBody();
            List<String> all = partnerships(teamPage);
            List<String> theirs = partnerships(auPage);
            String elsewhere = all.stream().filter(p -> !theirs.contains(p)).findFirst().orElseThrow();

            // when
            APIGatewayV2HTTPResponse approve = post("/api/coordinate/approve", au, "version=" + version());
            APIGatewayV2HTTPResponse holdElsewhere = post("/api/coordinate/hold", au, "partnership=" + elsewhere);
            APIGatewayV2HTTPResponse holdTheirs = post("/api/coordinate/hold", au, "partnership=" + theirs.get(0));

            // then
            assertThat(theirs).hasSize(2);
            // the roster names Spanish for the AU coordinator: their page is in it
            assertThat(auPage).contains("Mara Quillfeather", "Coordinación de país, Australia", "lang=\"es\"")
                    .doesNotContain("Approve this draft", "Aprobar", "p-01 ");
            assertThat(approve.getStatusCode()).isEqualTo(403);
            assertThat(holdElsewhere.getStatusCode()).isEqualTo(409);
            assertThat(holdTheirs.getStatusCode()).isEqualTo(303);
            assertThat(round.items("HOLD")).singleElement()
                    .satisfies(h -> assertThat(h.get("sk").s()).isEqualTo("HOLD#" + theirs.get(0)));
            assertThat(round.items("APPROVAL")).isEmpty();
        }

        @Test
        void a_link_whose_scope_was_changed_or_whose_holder_left_the_roster_reads_nothing() {
            night();
            // a genuine link of the AU coordinator's address, stored with the programme scope
            String widened = link(AU_COORDINATOR, "programme");
            String stranger = link("someone@example.org", "programme");
            String token = link(TEAM, "programme");
            String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

            for (String bad : List.of(widened, stranger, tampered, "")) {
                APIGatewayV2HTTPResponse page = api().handleRequest(Events.get("/api/coordinate", bad), null);
                assertThat(page.getStatusCode()).isEqualTo(303);
                assertThat(page.getHeaders().get("Location")).isEqualTo("/link-expired.html");
                assertThat(post("/api/coordinate/hold", bad, "partnership=abc").getHeaders().get("Location"))
                        .isEqualTo("/link-expired.html");
            }
            assertThat(round.items("HOLD")).isEmpty();
        }

        @Test
        void an_expired_link_reads_nothing() {
            night();
            String token = link(TEAM, "programme");

            round.clock.advance(Purpose.COORDINATE.validity().plus(Duration.ofMinutes(1)));

            assertThat(api().handleRequest(Events.get("/api/coordinate", token), null).getHeaders().get("Location"))
                    .isEqualTo("/link-expired.html");
        }

        @Test
        void refuses_a_move_without_its_field_by_name_and_changes_nothing() {
            night();
            String token = link(TEAM, "programme");

            APIGatewayV2HTTPResponse missing = api().handleRequest(Events.postWithToken("/api/coordinate/approve",
                    token, "application/json", "{}"), null);
            APIGatewayV2HTTPResponse hostile = post("/api/coordinate/hold", token, "partnership=%3Cscript%3E");

            assertThat(missing.getStatusCode()).isEqualTo(400);
            assertThat(missing.getBody()).contains("\"field\":\"version\"");
            assertThat(hostile.getStatusCode()).isEqualTo(400);
            assertThat(hostile.getBody()).doesNotContain("<script>");
            assertThat(round.items("APPROVAL")).isEmpty();
            assertThat(round.items("HOLD")).isEmpty();
        }
    }

    static List<String> partnerships(String page) {
        return java.util.regex.Pattern.compile("name=\"partnership\" value=\"([0-9a-f]+)\"").matcher(page).results()
                .map(r -> r.group(1)).toList();
    }

    @Test
    void the_dispatched_draft_mail_carries_the_coordinator_link_and_the_csv() {
        // given
        night();

        // when
        new org.iln.mail.DispatchHandler(aws.clients(), round.clock, config, round.clock::advance)
                .handleRequest(Map.of(), null);

        // then
        org.iln.testing.SentMail mail = aws.sentMail().stream().filter(m -> m.to().equals(TEAM)).findFirst()
                .orElseThrow();
        assertThat(mail.raw()).contains("Content-Type: multipart/mixed", "filename=draft-2026-1-2026-02-16.csv");
        String token = mail.token("/api/coordinate");
        assertThat(api().handleRequest(Events.get("/api/coordinate", token), null).getStatusCode()).isEqualTo(200);
    }
}
