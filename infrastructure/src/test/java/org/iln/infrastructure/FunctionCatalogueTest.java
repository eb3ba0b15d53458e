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

        assertThat(names).doesNotHaveDuplicates().containsExactly("api", "nightly-matching", "dispatch", "ses-events");
    }

    @Test
    void the_api_function_answers_every_route_of_the_http_contract() {
        FunctionSpec api = FunctionCatalogue.functions().get(0);

        assertThat(api.trigger()).isEqualTo(new Trigger.HttpRoutes(List.of(
                "POST /api/signup", "GET /api/confirm", "GET /api/unsubscribe", "POST /api/unsubscribe",
                "POST /api/erase", "GET /api/erase")));
    }

    @Test
    void a_wildcard_table_action_is_refused() {
        assertThatThrownBy(() -> new FunctionSpec("x", "org.iln.x.X::handleRequest", 512, Duration.ofSeconds(5),
                new Trigger.SesEvents(), List.of("dynamodb:*"), false, false))
                .hasMessageContaining("dynamodb:*")
                .hasMessageContaining("named DynamoDB action");
    }

    @Test
    void a_route_outside_api_is_refused_because_cloudfront_would_never_send_it_to_the_api() {
        assertThatThrownBy(() -> new Trigger.HttpRoutes(List.of("GET /signup"))).hasMessageContaining("GET /signup");
    }

    @Test
    void timeouts_beyond_lambdas_fifteen_minutes_and_fractional_rates_are_refused() {
        assertThatThrownBy(() -> new FunctionSpec("x", "org.iln.x.X::handleRequest", 512, Duration.ofMinutes(16),
                new Trigger.SesEvents(), List.of(), false, false)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new Trigger.Every(Duration.ofSeconds(90))).hasMessageContaining("whole number of minutes");
    }

    @Test
    void a_handler_that_is_not_class_and_method_is_refused() {
        assertThatThrownBy(() -> new FunctionSpec("x", "ApiHandler", 512, Duration.ofSeconds(5),
                new Trigger.SesEvents(), List.of(), false, false)).hasMessageContaining("'ApiHandler'");
    }

    @Test
    void nightly_matching_gets_exactly_the_table_actions_its_code_uses() {
        FunctionSpec nightly = FunctionCatalogue.functions().get(1);

        assertThat(nightly.handler()).isEqualTo("org.iln.round.NightlyMatchingHandler::handleRequest");
        assertThat(nightly.tableActions()).containsExactlyInAnyOrder(
                "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
    }
}
