package org.iln.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iln.infrastructure.SynthesisedProgramme.MAIN;
import static org.iln.infrastructure.SynthesisedProgramme.logicalId;
import static org.iln.infrastructure.SynthesisedProgramme.mainStack;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;

class FunctionsTest {

    static Stream<Named<FunctionSpec>> catalogue() {
        return FunctionCatalogue.functions().stream().map(spec -> Named.of(spec.name(), spec));
    }

    @Test
    void the_stack_builds_exactly_the_functions_of_the_catalogue() {
        // The only other function is CDK's own reader of the cross-region web ACL export (Node.js).
        Map<String, Map<String, Object>> java = SynthesisedProgramme.resources(MAIN, "AWS::Lambda::Function");
        long ours = java.values().stream()
                .filter(resource -> "java21".equals(((Map<?, ?>) resource.get("Properties")).get("Runtime")))
                .count();
        assertThat(ours).isEqualTo(FunctionCatalogue.functions().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void each_catalogued_handler_runs_on_java_21_arm64_with_its_memory_timeout_and_snapstart(FunctionSpec spec) {
        // when
        Map<String, Map<String, Object>> found = MAIN.findResources("AWS::Lambda::Function", Map.of(
                "Properties", Match.objectLike(Map.of(
                        "Handler", spec.handler(),
                        "FunctionName", "iln-test-" + spec.name(),
                        "Runtime", "java21",
                        "Architectures", List.of("arm64"),
                        "MemorySize", spec.memoryMb(),
                        "Timeout", (int) spec.timeout().toSeconds(),
                        "SnapStart", Map.of("ApplyOn", "PublishedVersions")))));

        // then
        assertThat(found).as("the function for handler %s", spec.handler()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void each_function_logs_json_to_its_own_log_group_kept_for_three_months(FunctionSpec spec) {
        // given
        String function = functionLogicalId(spec);
        Map<String, Object> logging = loggingConfig(function);
        String logGroup = ((Map<?, ?>) logging.get("LogGroup")).get("Ref").toString();

        // then
        assertThat(logging).containsEntry("LogFormat", "JSON").containsEntry("ApplicationLogLevel", "INFO");
        assertThat(SynthesisedProgramme.properties(MAIN, "AWS::Logs::LogGroup", logGroup))
                .containsEntry("LogGroupName", "/aws/lambda/iln-test-" + spec.name())
                .containsEntry("RetentionInDays", 90);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void each_function_is_told_where_everything_is_through_its_environment(FunctionSpec spec) {
        // when
        Map<?, ?> variables = environment(spec);

        // then (FunctionArtifactsTest feeds the same variables to the functions' own parser)
        assertThat(variables.get("ILN_MAIL_FROM")).isEqualTo("ILN programme <hello@iln.example.net>");
        assertThat(variables.get("ILN_SEND_RATE")).isEqualTo("9");
        assertThat(variables.get("ILN_TABLE_NAME")).isEqualTo(Map.of("Ref", logicalId(mainStack().programmeTable())));
        assertThat(variables.get("ILN_CONFIGURATION_SET"))
                .isEqualTo(Map.of("Ref", onlyLogicalId("AWS::SES::ConfigurationSet")));
        assertThat(variables.get("ILN_ADDRESS_KEY_SECRET_ARN")).isEqualTo(Map.of("Ref", secretId("AddressKey")));
        assertThat(variables.get("ILN_TOKEN_KEY_SECRET_ARN")).isEqualTo(Map.of("Ref", secretId("TokenKey")));
        assertThat(variables.get("ILN_SITE_URL").toString())
                .as("without a siteUrl setting, links point at the distribution")
                .contains("https://").contains(logicalId(mainStack().distribution()));
        assertThat(variables.get("ILN_PROGRAMME").toString())
                .as("the manifest is read from the published site")
                .contains("https://").contains(logicalId(mainStack().distribution())).contains("/programme.json");
        assertThat(variables.get("ILN_AUTO_PUBLISH_DAYS"))
                .as("auto-publishing is on when the deployment gives autoPublishDays")
                .isEqualTo("7");
        assertThat(variables.get("ILN_ORIGIN_VERIFY_SECRET_ARN"))
                .as("only the function behind CloudFront checks the origin header, against the value CloudFront sends")
                .isEqualTo(spec.trigger() instanceof Trigger.HttpRoutes ? Map.of("Ref", secretId("OriginVerify")) : null);
    }

    @Test
    void the_matcher_runs_with_the_optimising_compiler_the_api_with_one_quick_compiler_the_rest_with_lambdas_default() {
        for (FunctionSpec spec : FunctionCatalogue.functions()) {
            Object options = environment(spec).get(ProgrammeStack.JAVA_TOOL_OPTIONS);
            if (spec.name().equals("nightly-matching")) {
                assertThat(options).as(spec.name())
                        .isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=4 -XX:+UseSerialGC -Xms512m");
            } else if (spec.name().equals("api")) {
                // CICompilerCount=1 stops the JVM from starting unless C1 is the only compiler
                assertThat(options).as(spec.name())
                        .isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1");
            } else {
                assertThat(options).as(spec.name()).isNull();
            }
        }
    }

    @Test
    void every_function_s_jvm_options_start_a_jvm() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        for (FunctionSpec spec : FunctionCatalogue.functions()) {
            if (spec.javaToolOptions().isEmpty()) {
                continue;
            }
            ProcessBuilder launch = new ProcessBuilder(java, "-version").redirectErrorStream(true);
            launch.environment().put(ProgrammeStack.JAVA_TOOL_OPTIONS, spec.javaToolOptions());
            Process process = launch.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.waitFor()).as(spec.name() + ": " + output).isZero();
            assertThat(output).as(spec.name()).contains("Picked up JAVA_TOOL_OPTIONS: " + spec.javaToolOptions())
                    .doesNotContain("Error", "Unrecognized");
        }
    }

    @Test
    void dispatch_runs_one_instance_at_a_time_and_nothing_else_is_limited() {
        Map<String, Map<String, Object>> limited = MAIN.findResources("AWS::Lambda::Function",
                Map.of("Properties", Match.objectLike(Map.of("ReservedConcurrentExecutions", Match.anyValue()))));

        assertThat(limited).containsOnlyKeys(functionLogicalId(spec("dispatch")));
        assertThat(SynthesisedProgramme.properties(MAIN, "AWS::Lambda::Function", functionLogicalId(spec("dispatch"))))
                .containsEntry("ReservedConcurrentExecutions", 1);
    }

    @Test
    void each_function_is_deployed_from_the_jar_of_its_artifact() {
        // given
        Map<FunctionArtifact, Set<Object>> codeByArtifact = new java.util.EnumMap<>(FunctionArtifact.class);
        for (FunctionSpec spec : FunctionCatalogue.functions()) {
            Object code = SynthesisedProgramme.properties(MAIN, "AWS::Lambda::Function", functionLogicalId(spec)).get("Code");
            codeByArtifact.computeIfAbsent(spec.artifact(), a -> new java.util.HashSet<>()).add(code);
        }

        // then: one asset per jar, shared by the functions it holds
        assertThat(codeByArtifact).containsOnlyKeys(FunctionArtifact.values());
        assertThat(codeByArtifact.values()).allSatisfy(codes -> assertThat(codes).hasSize(1));
        assertThat(codeByArtifact.get(FunctionArtifact.API)).doesNotContainAnyElementsOf(codeByArtifact.get(FunctionArtifact.MATCHING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void each_function_is_invoked_through_a_live_alias_on_a_published_version_so_snapstart_applies(FunctionSpec spec) {
        // given
        String function = functionLogicalId(spec);

        // then
        Map<String, Object> alias = SynthesisedProgramme.properties(MAIN, "AWS::Lambda::Alias",
                logicalId(mainStack().aliases().get(spec.name())));
        assertThat(alias).containsEntry("Name", "live").containsEntry("FunctionName", Map.of("Ref", function));
        String version = ((List<?>) ((Map<?, ?>) alias.get("FunctionVersion")).get("Fn::GetAtt")).get(0).toString();
        assertThat(SynthesisedProgramme.properties(MAIN, "AWS::Lambda::Version", version))
                .containsEntry("FunctionName", Map.of("Ref", function));
    }

    @Test
    void every_api_route_reaches_the_api_alias_through_one_payload_v2_integration() {
        // given
        FunctionSpec api = FunctionCatalogue.functions().get(0);
        String alias = logicalId(mainStack().aliases().get(api.name()));
        Map<String, Map<String, Object>> integrations = SynthesisedProgramme.resources(MAIN, "AWS::ApiGatewayV2::Integration");

        // then
        assertThat(integrations).hasSize(1);
        String integration = integrations.keySet().iterator().next();
        assertThat(SynthesisedProgramme.properties(MAIN, "AWS::ApiGatewayV2::Integration", integration))
                .containsEntry("IntegrationType", "AWS_PROXY")
                .containsEntry("PayloadFormatVersion", "2.0")
                .containsEntry("IntegrationUri", Map.of("Ref", alias));
        List<String> routeKeys = SynthesisedProgramme.resources(MAIN, "AWS::ApiGatewayV2::Route").values().stream()
                .map(route -> ((Map<?, ?>) route.get("Properties")))
                .peek(route -> assertThat(route.get("Target").toString()).contains(integration))
                .map(route -> route.get("RouteKey").toString())
                .toList();
        assertThat(routeKeys).containsExactlyInAnyOrderElementsOf(((Trigger.HttpRoutes) api.trigger()).routes());
        MAIN.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "FunctionName", Map.of("Ref", alias),
                "Principal", "apigateway.amazonaws.com"));
    }

    @Test
    void the_http_api_throttles_its_default_stage_to_the_configured_rate_and_burst() {
        MAIN.resourceCountIs("AWS::ApiGatewayV2::Stage", 1);
        MAIN.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "$default",
                "AutoDeploy", true,
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 15, "ThrottlingBurstLimit", 30)));
    }

    @Test
    void the_country_cap_runs_at_half_past_one_nightly_matching_at_two_round_care_at_half_past_two_the_round_end_at_two_forty_figures_at_four_utc_and_dispatch_every_five_minutes() {
        MAIN.resourceCountIs("AWS::Scheduler::Schedule", 6);
        MAIN.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "cron(30 2 * * ? *)",
                "ScheduleExpressionTimezone", "Etc/UTC",
                "Target", Match.objectLike(Map.of("Arn", Map.of("Ref", aliasId("round-care"))))));
        MAIN.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "cron(30 1 * * ? *)",
                "ScheduleExpressionTimezone", "Etc/UTC",
                "Target", Match.objectLike(Map.of("Arn", Map.of("Ref", aliasId("country-cap"))))));
        MAIN.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "cron(0 2 * * ? *)",
                "ScheduleExpressionTimezone", "Etc/UTC",
                "Target", Match.objectLike(Map.of("Arn", Map.of("Ref", aliasId("nightly-matching"))))));
        MAIN.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "cron(40 2 * * ? *)",
                "ScheduleExpressionTimezone", "Etc/UTC",
                "Target", Match.objectLike(Map.of("Arn", Map.of("Ref", aliasId("round-end"))))));
        MAIN.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "cron(0 4 * * ? *)",
                "ScheduleExpressionTimezone", "Etc/UTC",
                "Target", Match.objectLike(Map.of("Arn", Map.of("Ref", aliasId("figures"))))));
        MAIN.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "rate(5 minutes)",
                "ScheduleExpressionTimezone", "Etc/UTC",
                "Target", Match.objectLike(Map.of("Arn", Map.of("Ref", aliasId("dispatch"))))));
    }

    @Test
    void an_event_that_cannot_be_delivered_or_keeps_failing_lands_in_the_dead_letter_queue() {
        // given
        String queue = onlyLogicalId("AWS::SQS::Queue");
        Map<String, Object> toQueue = Map.of("Fn::GetAtt", List.of(queue, "Arn"));

        // then: the scheduler's own retries,
        for (Map<String, Object> schedule : SynthesisedProgramme.resources(MAIN, "AWS::Scheduler::Schedule").values()) {
            Map<?, ?> target = (Map<?, ?>) ((Map<?, ?>) schedule.get("Properties")).get("Target");
            assertThat(target.get("DeadLetterConfig")).isEqualTo(Map.of("Arn", toQueue));
            assertThat(target.get("RetryPolicy")).isEqualTo(Map.of("MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 3600));
        }
        // and Lambda's asynchronous retries for each function that is not called over HTTP.
        for (String name : List.of("country-cap", "nightly-matching", "round-care", "round-end", "figures", "dispatch", "ses-events")) {
            MAIN.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                    "FunctionName", Map.of("Ref", functionLogicalId(spec(name))),
                    // The alias ARN's eighth field: its name, "live".
                    "Qualifier", Map.of("Fn::Select", List.of(7, Map.of("Fn::Split", List.of(":", Map.of("Ref", aliasId(name)))))),
                    "DestinationConfig", Map.of("OnFailure", Map.of("Destination", toQueue))));
        }
        MAIN.hasResourceProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true, "MessageRetentionPeriod", 1_209_600));
    }

    @Test
    void bounce_and_complaint_events_reach_the_ses_event_alias() {
        MAIN.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "lambda",
                "Endpoint", Map.of("Ref", aliasId("ses-events")),
                "TopicArn", Map.of("Ref", sesEventTopic())));
        MAIN.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "FunctionName", Map.of("Ref", aliasId("ses-events")),
                "Principal", "sns.amazonaws.com",
                "SourceArn", Map.of("Ref", sesEventTopic())));
    }

    static String sesEventTopic() {
        Map<String, Object> destination = SynthesisedProgramme.resources(MAIN, "AWS::SES::ConfigurationSetEventDestination")
                .values().iterator().next();
        Map<?, ?> sns = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) destination.get("Properties")).get("EventDestination")).get("SnsDestination");
        return ((Map<?, ?>) sns.get("TopicARN")).get("Ref").toString();
    }

    static FunctionSpec spec(String name) {
        return FunctionCatalogue.functions().stream().filter(spec -> spec.name().equals(name)).findFirst().orElseThrow();
    }

    static String functionLogicalId(FunctionSpec spec) {
        Map<String, Map<String, Object>> found = MAIN.findResources("AWS::Lambda::Function",
                Map.of("Properties", Match.objectLike(Map.of("Handler", spec.handler()))));
        assertThat(found).as("the function for handler %s", spec.handler()).hasSize(1);
        return found.keySet().iterator().next();
    }

    /** The synthesised environment variables of a function. */
    static Map<?, ?> environment(FunctionSpec spec) {
        return (Map<?, ?>) ((Map<?, ?>) SynthesisedProgramme.properties(
                MAIN, "AWS::Lambda::Function", functionLogicalId(spec)).get("Environment")).get("Variables");
    }

    /** The logical id of the secret whose construct id starts so. */
    static String secretId(String constructId) {
        List<String> found = SynthesisedProgramme.resources(MAIN, "AWS::SecretsManager::Secret").keySet().stream()
                .filter(id -> id.startsWith(constructId)).toList();
        assertThat(found).as("secret %s", constructId).hasSize(1);
        return found.get(0);
    }

    private static String aliasId(String name) {
        return logicalId(mainStack().aliases().get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loggingConfig(String function) {
        return (Map<String, Object>) SynthesisedProgramme.properties(MAIN, "AWS::Lambda::Function", function).get("LoggingConfig");
    }

    private static String onlyLogicalId(String type) {
        Map<String, Map<String, Object>> found = SynthesisedProgramme.resources(MAIN, type);
        assertThat(found).as(type).hasSize(1);
        return found.keySet().iterator().next();
    }
}
