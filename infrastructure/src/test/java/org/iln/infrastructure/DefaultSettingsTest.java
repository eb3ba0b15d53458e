package org.iln.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** A second synth, with only {@code siteUrl} set: the defaults must reach the template too. */
class DefaultSettingsTest {

    private static Template main;
    private static Template edge;

    @BeforeAll
    static void synthesise() {
        StackSettings settings = StackSettings.from(Map.<String, Object>of("siteUrl", "https://iln.example.org")::get,
                name -> null);
        App app = SynthesisedProgramme.app("default-settings");
        main = Template.fromStack(IlnApp.build(app, settings, SynthesisedProgramme.fixtureJars()));
        edge = Template.fromStack((Stack) app.getNode().findChild("iln-dev-edge"));
    }

    @Test
    void functions_send_as_noreply_at_example_org_at_fourteen_a_second_and_link_to_the_site_url() {
        // Only our Java functions: CDK's cross-region export reader (Node.js) has no environment.
        List<Map<?, ?>> variables = SynthesisedProgramme.resources(main, "AWS::Lambda::Function").values().stream()
                .map(function -> (Map<?, ?>) function.get("Properties"))
                .filter(properties -> "java21".equals(properties.get("Runtime")))
                .<Map<?, ?>>map(properties -> (Map<?, ?>) ((Map<?, ?>) properties.get("Environment")).get("Variables"))
                .toList();
        assertThat(variables).hasSize(FunctionCatalogue.functions().size()).allSatisfy(environment -> {
            assertThat(environment.get("ILN_MAIL_FROM")).isEqualTo("ILN <noreply@example.org>");
            assertThat(environment.get("ILN_SEND_RATE")).isEqualTo("14");
            assertThat(environment.get("ILN_SITE_URL")).isEqualTo("https://iln.example.org");
            assertThat(environment.get("ILN_PROGRAMME")).isEqualTo("https://iln.example.org/programme.json");
            assertThat(environment.containsKey("ILN_AUTO_PUBLISH_DAYS"))
                    .as("auto-publishing is off unless the deployment asks for it").isFalse();
        });
        main.hasOutput("SiteUrl", Map.of("Value", "https://iln.example.org"));
    }

    @Test
    void the_defaults_set_the_api_throttle_the_waf_limit_and_the_mail_domain() {
        main.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 20, "ThrottlingBurstLimit", 40)));
        edge.hasResourceProperties("AWS::WAFv2::WebACL", Map.of(
                "Rules", List.of(Match.objectLike(Map.of("Statement", Map.of("RateBasedStatement",
                        Match.objectLike(Map.of("Limit", 300))))))));
        main.hasResourceProperties("AWS::SES::EmailIdentity", Map.of("EmailIdentity", "example.org"));
    }

    @Test
    void without_an_alarm_email_nobody_is_subscribed_to_the_alarms() {
        main.resourcePropertiesCountIs("AWS::SNS::Subscription", Map.of("Protocol", "email"), 0);
        main.resourcePropertiesCountIs("AWS::SNS::Subscription", Map.of("Protocol", "lambda"), 1);
    }
}
