package org.iln.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ProgrammeStackTest {

    // One synth per class: each one starts the jsii runtime and takes several seconds.
    private static Template template;

    @BeforeAll
    static void synthesise() {
        App app = new App();
        StackSettings settings = StackSettings.from(key -> null);
        template = Template.fromStack(new ProgrammeStack(app, "test", StackProps.builder().build(), settings));
    }

    @Test
    void the_table_is_on_demand_with_point_in_time_recovery_ttl_and_deletion_protection() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "DeletionProtectionEnabled", true,
                "KeySchema", List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE"))));
    }

    @Test
    void the_table_and_the_site_bucket_survive_a_stack_deletion() {
        template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain"));
        template.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void the_site_bucket_is_private_encrypted_and_refuses_plain_http() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "PublicAccessBlockConfiguration", Map.of(
                        "BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Match.objectLike(Map.of())));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void settings_default_to_a_dev_stage_and_reject_unsafe_stage_names() {
        assertThat(StackSettings.from(key -> null)).isEqualTo(new StackSettings("dev", "iln-dev"));
        assertThat(StackSettings.from(key -> key.equals("stage") ? "prod" : null).stackName()).isEqualTo("iln-prod");
        assertThatThrownBy(() -> StackSettings.from(key -> key.equals("stage") ? "Prod Stage!" : null))
                .hasMessageContaining("stage");
    }
}
