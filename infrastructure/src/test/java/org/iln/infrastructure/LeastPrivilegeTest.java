package org.iln.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iln.infrastructure.SynthesisedProgramme.EDGE;
import static org.iln.infrastructure.SynthesisedProgramme.MAIN;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

class LeastPrivilegeTest {

    /**
     * Actions IAM cannot scope to a resource, so "*" is the only resource they accept. None is
     * used today; listing them here keeps the rule honest when tracing or custom metrics arrive.
     */
    private static final Set<String> UNSCOPABLE = Set.of(
            "cloudwatch:PutMetricData",
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords");

    /** One Allow statement found in the templates, with where it came from. */
    private record Grant(String where, List<String> actions, List<Object> resources, Map<?, ?> statement) {
    }

    static Stream<Named<FunctionSpec>> catalogue() {
        return FunctionCatalogue.functions().stream().map(spec -> Named.of(spec.name(), spec));
    }

    @Test
    void no_policy_in_either_stack_allows_a_wildcard_action() {
        // given
        List<Grant> grants = allGrants();

        // then
        assertThat(grants).as("the walker found the policies").hasSizeGreaterThan(10);
        for (Grant grant : grants) {
            assertThat(grant.actions()).as("actions of %s: %s", grant.where(), grant.statement())
                    .isNotEmpty()
                    .noneMatch(action -> action.contains("*"));
            assertThat(grant.statement().keySet().stream().map(String::valueOf).toList()).as("%s may not allow by exclusion", grant.where())
                    .doesNotContain("NotAction", "NotResource");
        }
    }

    @Test
    void no_policy_allows_a_scopable_action_on_every_resource() {
        for (Grant grant : allGrants()) {
            if (grant.resources().contains("*")) {
                assertThat(grant.actions()).as("%s grants on '*': %s", grant.where(), grant.statement())
                        .allMatch(UNSCOPABLE::contains);
            }
        }
    }

    @Test
    void only_cdks_own_custom_resource_provider_roles_carry_a_managed_policy() {
        for (Template template : List.of(MAIN, EDGE)) {
            SynthesisedProgramme.resources(template, "AWS::IAM::Role").forEach((id, role) -> {
                Map<?, ?> properties = (Map<?, ?>) role.get("Properties");
                if (properties.containsKey("ManagedPolicyArns")) {
                    // CDK's cross-region export reader and writer (Node.js) log through AWSLambdaBasicExecutionRole.
                    assertThat(id).as("role %s has managed policies %s", id, properties.get("ManagedPolicyArns"))
                            .startsWith("CustomCrossRegionExport");
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void each_functions_role_holds_exactly_the_actions_its_spec_lists(FunctionSpec spec) {
        // given
        Set<String> expected = new LinkedHashSet<>(spec.tableActions());
        expected.addAll(List.of("logs:CreateLogStream", "logs:PutLogEvents", "secretsmanager:GetSecretValue"));
        if (spec.sendsMail()) {
            expected.addAll(List.of("ses:SendEmail", "ses:SendRawEmail"));
        }
        if (!(spec.trigger() instanceof Trigger.HttpRoutes)) {
            // Lambda's asynchronous invocation hands a failed event on to the dead-letter queue.
            expected.addAll(List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"));
        }

        // when
        Set<String> granted = new LinkedHashSet<>();
        functionGrants(spec).forEach(grant -> granted.addAll(grant.actions()));

        // then
        assertThat(granted).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void each_function_reaches_the_table_its_indexes_its_secrets_and_its_logs_and_nothing_else(
            FunctionSpec spec) {
        // given
        String table = SynthesisedProgramme.logicalId(SynthesisedProgramme.mainStack().programmeTable());
        List<Map<String, String>> secrets = new ArrayList<>(List.of(
                Map.of("Ref", FunctionsTest.secretId("AddressKey")), Map.of("Ref", FunctionsTest.secretId("TokenKey"))));
        if (spec.trigger() instanceof Trigger.HttpRoutes) {
            secrets.add(Map.of("Ref", FunctionsTest.secretId("OriginVerify")));
        }

        // then
        for (Grant grant : functionGrants(spec)) {
            String service = grant.actions().get(0).split(":")[0];
            assertThat(grant.actions()).as("one service per statement").allMatch(action -> action.startsWith(service + ":"));
            String resources = grant.resources().toString();
            switch (service) {
                case "dynamodb" -> {
                    if (grant.resources().size() == 1) {
                        assertThat(grant.resources()).containsExactly(Map.of("Fn::GetAtt", List.of(table, "Arn")));
                    } else {
                        assertThat(grant.actions()).containsExactly("dynamodb:Query");
                        assertThat(resources).contains("/index/confirmed-by-round", "/index/by-address",
                                "/index/mail-queue");
                        assertThat(grant.resources()).hasSize(TableDesign.PROGRAMME.indexes().size());
                    }
                }
                case "secretsmanager" -> assertThat(grant.resources()).containsExactlyInAnyOrderElementsOf(secrets);
                case "ses" -> {
                    assertThat(grant.resources()).hasSize(2);
                    assertThat(resources).contains(":ses:eu-west-1:123456789012:identity/iln.example.net")
                            .contains(":ses:eu-west-1:123456789012:configuration-set/");
                }
                case "logs" -> assertThat(resources).contains("Logs").contains("Arn");
                case "sqs" -> assertThat(resources).contains("DeadLetters");
                default -> throw new AssertionError("unexpected service " + service + " in " + grant.where());
            }
        }
    }

    @Test
    void the_scheduler_may_invoke_only_the_scheduled_aliases_and_write_only_to_the_dead_letter_queue() {
        List<Grant> schedulerGrants = allGrants().stream()
                .filter(grant -> grant.where().startsWith("SchedulerRoleForTarget"))
                .toList();
        // two per schedule (invoke its alias, write to the dead-letter queue): country cap, matching, round care, dispatch
        assertThat(schedulerGrants).hasSize(8);
        for (Grant grant : schedulerGrants) {
            assertThat(grant.actions()).containsAnyOf("lambda:InvokeFunction", "sqs:SendMessage").hasSize(1);
            assertThat(grant.resources().toString()).containsAnyOf("Live", "DeadLetters");
        }
    }

    private static List<Grant> functionGrants(FunctionSpec spec) {
        Map<?, ?> role = (Map<?, ?>) SynthesisedProgramme.properties(MAIN, "AWS::Lambda::Function",
                FunctionsTest.functionLogicalId(spec)).get("Role");
        String roleId = ((List<?>) role.get("Fn::GetAtt")).get(0).toString();
        List<Grant> grants = new ArrayList<>();
        SynthesisedProgramme.resources(MAIN, "AWS::IAM::Policy").forEach((id, policy) -> {
            Map<?, ?> properties = (Map<?, ?>) policy.get("Properties");
            if (((List<?>) properties.get("Roles")).contains(Map.of("Ref", roleId))) {
                grants.addAll(grants(id, (Map<?, ?>) properties.get("PolicyDocument")));
            }
        });
        Map<String, Object> roleProperties = SynthesisedProgramme.properties(MAIN, "AWS::IAM::Role", roleId);
        assertThat(roleProperties).as("role of %s", spec.name()).doesNotContainKeys("Policies", "ManagedPolicyArns");
        return grants;
    }

    /** Every Allow statement of every policy: AWS::IAM::Policy, ManagedPolicy and roles' inline policies. */
    private static List<Grant> allGrants() {
        List<Grant> grants = new ArrayList<>();
        for (Template template : List.of(MAIN, EDGE)) {
            for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
                SynthesisedProgramme.resources(template, type).forEach((id, policy) -> grants.addAll(
                        grants(id, (Map<?, ?>) ((Map<?, ?>) policy.get("Properties")).get("PolicyDocument"))));
            }
            SynthesisedProgramme.resources(template, "AWS::IAM::Role").forEach((id, role) -> {
                Object inline = ((Map<?, ?>) role.get("Properties")).get("Policies");
                if (inline != null) {
                    for (Object policy : (List<?>) inline) {
                        grants.addAll(grants(id, (Map<?, ?>) ((Map<?, ?>) policy).get("PolicyDocument")));
                    }
                }
            });
        }
        return grants;
    }

    private static List<Grant> grants(String where, Map<?, ?> document) {
        List<Grant> grants = new ArrayList<>();
        for (Object element : (List<?>) document.get("Statement")) {
            Map<?, ?> statement = (Map<?, ?>) element;
            if ("Allow".equals(statement.get("Effect"))) {
                grants.add(new Grant(where, strings(statement.get("Action")), list(statement.get("Resource")), statement));
            }
        }
        return grants;
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }

    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> values ? List.copyOf(values) : List.of(value);
    }
}
