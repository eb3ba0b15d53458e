package org.iln.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iln.infrastructure.SynthesisedProgramme.MAIN;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;

class AlarmsTest {

    static List<Named<FunctionSpec>> catalogue() {
        return FunctionCatalogue.functions().stream().map(spec -> Named.of(spec.name(), spec)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void any_error_or_throttle_of_a_function_alarms_the_maintainers(FunctionSpec spec) {
        String function = FunctionsTest.functionLogicalId(spec);
        for (String metric : List.of("Errors", "Throttles")) {
            MAIN.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/Lambda",
                    "MetricName", metric,
                    "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", function))),
                    "Statistic", "Sum",
                    "Period", 300,
                    "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "AlarmActions", List.of(Map.of("Ref", alarmTopic()))));
        }
    }

    @Test
    void a_message_waiting_in_the_dead_letter_queue_alarms_the_maintainers() {
        String queue = SynthesisedProgramme.resources(MAIN, "AWS::SQS::Queue").keySet().iterator().next();
        MAIN.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SQS",
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName")))),
                "Threshold", 1,
                "AlarmActions", List.of(Map.of("Ref", alarmTopic()))));
    }

    @Test
    void ses_bounce_and_complaint_rates_alarm_before_ses_would_put_the_account_under_review() {
        MAIN.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SES",
                "MetricName", "Reputation.BounceRate",
                "Threshold", 0.04,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "AlarmActions", List.of(Map.of("Ref", alarmTopic()))));
        MAIN.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SES",
                "MetricName", "Reputation.ComplaintRate",
                "Threshold", 0.0008,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "AlarmActions", List.of(Map.of("Ref", alarmTopic()))));
    }

    @Test
    void a_broken_invariant_in_the_nightly_log_alarms_the_maintainers() {
        // the metric filter sits on the nightly-matching function's own log group
        String logGroup = SynthesisedProgramme.resources(MAIN, "AWS::Logs::LogGroup").entrySet().stream()
                .filter(e -> String.valueOf(e.getValue().get("Properties")).contains("-nightly-matching"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        MAIN.hasResourceProperties("AWS::Logs::MetricFilter", Map.of(
                "LogGroupName", Map.of("Ref", logGroup),
                "FilterPattern", "\"invariant broken\"",
                "MetricTransformations", List.of(Map.of(
                        "MetricNamespace", "ILN",
                        "MetricName", "InvariantBroken",
                        "MetricValue", "1",
                        "DefaultValue", 0))));
        MAIN.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "ILN",
                "MetricName", "InvariantBroken",
                "Statistic", "Sum",
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "AlarmActions", List.of(Map.of("Ref", alarmTopic()))));
    }

    @Test
    void the_invariant_alarm_needs_no_new_permission_for_any_function() {
        // a metric filter is CloudWatch Logs' own work: no role may put metrics or read logs for it
        SynthesisedProgramme.resources(MAIN, "AWS::IAM::Policy").values().forEach(policy ->
                assertThat(String.valueOf(policy)).doesNotContain("cloudwatch:PutMetricData", "logs:PutMetricFilter",
                        "logs:FilterLogEvents"));
    }

    @Test
    void every_alarm_goes_to_the_alarm_topic_and_quiet_periods_do_not_alarm() {
        Map<String, Map<String, Object>> alarms = SynthesisedProgramme.resources(MAIN, "AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSize(FunctionCatalogue.functions().size() * 2 + 4);
        MAIN.allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", List.of(Map.of("Ref", alarmTopic())),
                "TreatMissingData", "notBreaching")));
    }

    @Test
    void the_alarm_email_from_context_is_subscribed_to_the_alarm_topic() {
        MAIN.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email",
                "Endpoint", "ops@example.net",
                "TopicArn", Map.of("Ref", alarmTopic())));
    }

    private static String alarmTopic() {
        List<String> topics = SynthesisedProgramme.resources(MAIN, "AWS::SNS::Topic").keySet().stream()
                .filter(id -> !id.equals(FunctionsTest.sesEventTopic()))
                .toList();
        assertThat(topics).hasSize(1);
        return topics.get(0);
    }
}
