package org.iln.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iln.infrastructure.SynthesisedProgramme.MAIN;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class DataTest {

    @Test
    void the_table_is_on_demand_with_point_in_time_recovery_ttl_and_deletion_protection() {
        MAIN.resourceCountIs("AWS::DynamoDB::Table", 1);
        MAIN.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "DeletionProtectionEnabled", true,
                "KeySchema", List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE"))));
    }

    @Test
    void the_table_has_the_indexes_the_store_queries_with_the_store_s_names_and_projections() {
        MAIN.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "GlobalSecondaryIndexes", List.of(
                        Map.of("IndexName", "confirmed-by-round",
                                "KeySchema", List.of(hash("confirmedRound"), range("confirmedOrder")),
                                "Projection", Map.of("ProjectionType", "ALL")),
                        Map.of("IndexName", "by-address",
                                "KeySchema", List.of(hash("addressHash")),
                                "Projection", Map.of("ProjectionType", "INCLUDE", "NonKeyAttributes", List.of("itemType"))),
                        Map.of("IndexName", "mail-queue",
                                "KeySchema", List.of(hash("mailQueue"), range("dueAt")),
                                "Projection", Map.of("ProjectionType", "KEYS_ONLY"))),
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "confirmedRound", "AttributeType", "S"),
                        Map.of("AttributeName", "confirmedOrder", "AttributeType", "S"),
                        Map.of("AttributeName", "addressHash", "AttributeType", "S"),
                        Map.of("AttributeName", "mailQueue", "AttributeType", "S"),
                        Map.of("AttributeName", "dueAt", "AttributeType", "S")))));
    }

    @Test
    void the_table_survives_a_stack_deletion() {
        MAIN.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void the_keys_and_the_origin_value_are_generated_in_secrets_manager_and_kept_because_stored_keys_are_hashed_with_one() {
        // 64 letters and digits: base64 of 48 random bytes, which is how the functions read a key.
        MAIN.resourceCountIs("AWS::SecretsManager::Secret", 3);
        for (String secret : List.of("AddressKey", "TokenKey", "OriginVerify")) {
            assertThat(SynthesisedProgramme.resources(MAIN, "AWS::SecretsManager::Secret")
                    .get(FunctionsTest.secretId(secret)))
                    .containsEntry("DeletionPolicy", "Retain")
                    .extracting(resource -> ((Map<?, ?>) resource.get("Properties")).get("GenerateSecretString"))
                    .isEqualTo(Map.of("PasswordLength", 64, "ExcludePunctuation", true, "IncludeSpace", false));
        }
    }

    private static Map<String, String> hash(String attribute) {
        return Map.of("AttributeName", attribute, "KeyType", "HASH");
    }

    private static Map<String, String> range(String attribute) {
        return Map.of("AttributeName", attribute, "KeyType", "RANGE");
    }
}
