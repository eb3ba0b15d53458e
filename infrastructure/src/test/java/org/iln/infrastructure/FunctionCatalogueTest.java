package org.iln.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionCatalogueTest {

    @Test
    void the_catalogue_names_each_function_once() {
        List<String> names = FunctionCatalogue.functions().stream().map(FunctionSpec::name).toList();

        assertThat(names).doesNotHaveDuplicates().containsExactly("api", "country-cap", "nightly-matching", "round-care",
                "round-end",
                "figures",
                "dispatch", "ses-events");
    }

    @Test
    void the_api_function_answers_every_route_of_the_http_contract() {
        FunctionSpec api = FunctionCatalogue.functions().get(0);

        assertThat(api.trigger()).isEqualTo(new Trigger.HttpRoutes(List.of(
                "POST /api/signup", "GET /api/confirm", "GET /api/unsubscribe", "POST /api/unsubscribe",
                "POST /api/erase", "GET /api/erase", "GET /api/me", "POST /api/me/update", "POST /api/me/withdraw",
                "POST /api/me/link", "GET /api/me/survey", "POST /api/me/survey", "GET /api/me/next-round",
                "POST /api/me/next-round", "POST /api/volunteer", "GET /api/volunteer/confirm", "POST /api/me/no-reply", "POST /api/me/still-here",
                "POST /api/me/check-in", "GET /api/coordinate", "POST /api/coordinate/approve",
                "POST /api/coordinate/hold", "POST /api/coordinate/pin", "POST /api/coordinate/forbid",
                "POST /api/coordinate/withdraw", "POST /api/coordinate/resend", "POST /api/coordinate/pair",
                "POST /api/coordinate/link")));
    }

    @Test
    void the_coordinator_page_and_its_actions_add_no_table_action_to_the_api_and_none_outside_its_list() {
        FunctionSpec api = FunctionCatalogue.functions().get(0);

        // Approving is ConditionCheck + Put in one transaction; holds, pins, forbids and the audit are Puts; the
        // page reads with GetItem and Query. Withdrawing, resending and pairing two left alone (publishing's
        // conditional Put and Update transaction; suppressions read one by one with GetItem, not BatchGetItem)
        // and erasure's forgetting of decisions (Query, DeleteItem, UpdateItem) need nothing more.
        // No Scan, no BatchWrite, no BatchGetItem, no wildcard.
        assertThat(api.tableActions()).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem");
    }

    @Test
    void a_wildcard_table_action_is_refused() {
        assertThatThrownBy(() -> new FunctionSpec("x", "org.iln.x.X::handleRequest", FunctionArtifact.API, 512,
                Duration.ofSeconds(5), new Trigger.SesEvents(), List.of("dynamodb:*"), false, 0, ""))
                .hasMessageContaining("dynamodb:*")
                .hasMessageContaining("named DynamoDB action");
    }

    @Test
    void a_route_outside_api_is_refused_because_cloudfront_would_never_send_it_to_the_api() {
        assertThatThrownBy(() -> new Trigger.HttpRoutes(List.of("GET /signup"))).hasMessageContaining("GET /signup");
    }

    @Test
    void timeouts_beyond_lambdas_fifteen_minutes_and_fractional_rates_are_refused() {
        assertThatThrownBy(() -> new FunctionSpec("x", "org.iln.x.X::handleRequest", FunctionArtifact.API, 512,
                Duration.ofMinutes(16), new Trigger.SesEvents(), List.of(), false, 0, "")).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new Trigger.Every(Duration.ofSeconds(90))).hasMessageContaining("whole number of minutes");
    }

    @Test
    void a_handler_that_is_not_class_and_method_is_refused() {
        assertThatThrownBy(() -> new FunctionSpec("x", "ApiHandler", FunctionArtifact.API, 512, Duration.ofSeconds(5),
                new Trigger.SesEvents(), List.of(), false, 0, "")).hasMessageContaining("'ApiHandler'");
    }

    @Test
    void nightly_matching_gets_exactly_the_table_actions_its_code_uses() {
        FunctionSpec nightly = FunctionsTest.spec("nightly-matching");

        assertThat(nightly.handler()).isEqualTo("org.iln.round.NightlyMatchingHandler::handleRequest");
        assertThat(nightly.tableActions()).containsExactlyInAnyOrder(
                "dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
    }

    @Test
    void round_care_runs_after_nightly_matching_with_exactly_the_table_actions_its_code_uses() {
        // given
        FunctionSpec care = FunctionsTest.spec("round-care");
        Trigger.Daily matching = (Trigger.Daily) FunctionsTest.spec("nightly-matching").trigger();
        Trigger.Daily nightly = (Trigger.Daily) care.trigger();

        // then
        assertThat(care.handler()).isEqualTo("org.iln.round.RoundCareHandler::handleRequest");
        assertThat(nightly.hour() * 60 + nightly.minute()).isGreaterThan(matching.hour() * 60 + matching.minute());
        assertThat(care.tableActions()).containsExactlyInAnyOrder(
                "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
    }

    @Test
    void the_country_cap_runs_before_nightly_matching_so_the_match_date_sees_it_applied() {
        // given
        Trigger.Daily cap = (Trigger.Daily) FunctionsTest.spec("country-cap").trigger();
        Trigger.Daily matching = (Trigger.Daily) FunctionsTest.spec("nightly-matching").trigger();

        // then
        assertThat(cap.hour() * 60 + cap.minute()).isLessThan(matching.hour() * 60 + matching.minute());
        assertThat(FunctionsTest.spec("country-cap").handler()).isEqualTo("org.iln.signup.CountryCapHandler::handleRequest");
    }

    @Test
    void the_round_end_runs_after_nightly_matching_with_exactly_the_table_actions_its_code_uses_and_sends_nothing() {
        // given
        FunctionSpec roundEnd = FunctionsTest.spec("round-end");
        Trigger.Daily matching = (Trigger.Daily) FunctionsTest.spec("nightly-matching").trigger();
        Trigger.Daily end = (Trigger.Daily) roundEnd.trigger();

        // then: its mail waits in the outbox for dispatch, so it needs no SES
        assertThat(roundEnd.handler()).isEqualTo("org.iln.round.RoundEndHandler::handleRequest");
        assertThat(end.hour() * 60 + end.minute()).isGreaterThan(matching.hour() * 60 + matching.minute() + 10);
        assertThat(roundEnd.tableActions()).containsExactlyInAnyOrder(
                "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem");
        assertThat(roundEnd.sendsMail()).isFalse();
    }

    @Test
    void the_figures_job_may_only_query_and_write_one_item_and_runs_after_matching() {
        FunctionSpec figures = FunctionsTest.spec("figures");
        Trigger.Daily at = (Trigger.Daily) figures.trigger();
        Trigger.Daily matching = (Trigger.Daily) FunctionsTest.spec("nightly-matching").trigger();

        assertThat(figures.handler()).isEqualTo("org.iln.figures.FiguresHandler::handleRequest");
        assertThat(figures.tableActions()).containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:PutItem");
        assertThat(figures.sendsMail()).isFalse();
        assertThat(at.hour() * 60 + at.minute()).isGreaterThan(matching.hour() * 60 + matching.minute());
    }

    @Test
    void only_dispatch_is_limited_to_one_instance_so_two_senders_never_share_the_send_rate() {
        assertThat(FunctionCatalogue.functions()).filteredOn(spec -> spec.reservedConcurrency() > 0)
                .singleElement()
                .satisfies(spec -> assertThat(spec.name()).isEqualTo("dispatch"))
                .satisfies(spec -> assertThat(spec.reservedConcurrency()).isEqualTo(1))
                .satisfies(spec -> assertThat(spec.timeout())
                        .isLessThan(((Trigger.Every) spec.trigger()).every()));
    }

    @Test
    void matching_ships_in_the_matching_jar_and_every_other_function_in_the_api_jar() {
        assertThat(FunctionCatalogue.functions()).allSatisfy(spec -> assertThat(spec.artifact())
                .isEqualTo(spec.name().equals("nightly-matching") ? FunctionArtifact.MATCHING : FunctionArtifact.API));
    }
}
