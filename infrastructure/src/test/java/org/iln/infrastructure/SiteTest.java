package org.iln.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iln.infrastructure.SynthesisedProgramme.EDGE;
import static org.iln.infrastructure.SynthesisedProgramme.MAIN;

import java.util.List;
import java.util.Map;
import org.iln.serving.ResponseHeaders;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class SiteTest {

    @Test
    void the_site_bucket_is_private_encrypted_versioned_and_refuses_plain_http() {
        MAIN.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "PublicAccessBlockConfiguration", Map.of(
                        "BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Match.objectLike(Map.of()),
                "VersioningConfiguration", Map.of("Status", "Enabled")));
        MAIN.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void the_site_bucket_survives_a_stack_deletion() {
        MAIN.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void only_this_distribution_may_read_the_bucket_through_origin_access_control() {
        // given
        String distribution = SynthesisedProgramme.logicalId(SynthesisedProgramme.mainStack().distribution());

        // then
        MAIN.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of(
                "OriginAccessControlConfig", Match.objectLike(Map.of(
                        "OriginAccessControlOriginType", "s3", "SigningBehavior", "always"))));
        MAIN.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Action", "s3:GetObject",
                        "Principal", Map.of("Service", "cloudfront.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("AWS:SourceArn", Match.objectLike(Map.of(
                                "Fn::Join", List.of("", Match.arrayWith(List.of(Map.of("Ref", distribution)))))))))))))));
    }

    @Test
    void the_distribution_serves_index_html_at_the_root_over_https() {
        MAIN.hasResourceProperties("AWS::CloudFront::Distribution", Map.of(
                "DistributionConfig", Match.objectLike(Map.of(
                        "DefaultRootObject", "index.html",
                        "DefaultCacheBehavior", Match.objectLike(Map.of(
                                "ViewerProtocolPolicy", "redirect-to-https",
                                "AllowedMethods", List.of("GET", "HEAD"),
                                "Compress", true))))));
    }

    @Test
    void a_missing_page_is_answered_with_the_404_page_and_status_404_even_though_s3_says_403() {
        MAIN.hasResourceProperties("AWS::CloudFront::Distribution", Map.of(
                "DistributionConfig", Match.objectLike(Map.of(
                        "CustomErrorResponses", List.of(
                                Map.of("ErrorCode", 403, "ResponseCode", 404, "ResponsePagePath", "/404.html",
                                        "ErrorCachingMinTTL", 60),
                                Map.of("ErrorCode", 404, "ResponseCode", 404, "ResponsePagePath", "/404.html",
                                        "ErrorCachingMinTTL", 60))))));
    }

    @Test
    void api_requests_go_uncached_to_the_http_api_with_every_method_the_viewers_address_and_the_origin_header() {
        // given
        String api = onlyLogicalId("AWS::ApiGatewayV2::Api");
        Map<String, Object> config = distributionConfig();

        // when
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> behaviours = (List<Map<String, Object>>) config.get("CacheBehaviors");

        // then
        assertThat(behaviours).hasSize(1);
        Map<String, Object> toApi = behaviours.get(0);
        assertThat(toApi).containsEntry("PathPattern", "/api/*")
                .containsEntry("AllowedMethods", List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"))
                // AWS managed policy CachingDisabled.
                .containsEntry("CachePolicyId", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad")
                .containsEntry("OriginRequestPolicyId", Map.of("Ref", onlyLogicalId("AWS::CloudFront::OriginRequestPolicy")))
                .containsEntry("ViewerProtocolPolicy", "https-only");
        // Not Host (API Gateway routes by its own); the viewer's address for the per-client rate limit.
        MAIN.hasResourceProperties("AWS::CloudFront::OriginRequestPolicy", Map.of(
                "OriginRequestPolicyConfig", Match.objectLike(Map.of(
                        "HeadersConfig", Map.of("HeaderBehavior", "whitelist",
                                "Headers", List.of("Content-Type", "Accept", "Accept-Language", "CloudFront-Viewer-Address")),
                        "QueryStringsConfig", Map.of("QueryStringBehavior", "all"),
                        "CookiesConfig", Map.of("CookieBehavior", "none")))));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> origins = (List<Map<String, Object>>) config.get("Origins");
        Map<String, Object> apiOrigin = origins.stream()
                .filter(origin -> origin.get("Id").equals(toApi.get("TargetOriginId")))
                .findFirst().orElseThrow();
        assertThat(apiOrigin.get("DomainName").toString()).contains(api).contains(".execute-api.");
        assertThat(apiOrigin.get("CustomOriginConfig").toString()).contains("OriginProtocolPolicy=https-only");
        // The API refuses requests without this header: its execute-api address cannot skip WAF.
        assertThat(apiOrigin.get("OriginCustomHeaders").toString())
                .contains("HeaderName=X-Origin-Verify")
                .contains("{{resolve:secretsmanager:").contains(FunctionsTest.secretId("OriginVerify"));
    }

    @Test
    void every_response_carries_hsts_a_same_origin_csp_nosniff_a_referrer_policy_and_no_framing() {
        // given
        String policy = onlyLogicalId("AWS::CloudFront::ResponseHeadersPolicy");

        // then
        MAIN.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Map.of(
                "ResponseHeadersPolicyConfig", Match.objectLike(Map.of(
                        "SecurityHeadersConfig", Map.of(
                                "StrictTransportSecurity", Map.of("AccessControlMaxAgeSec", 63_072_000,
                                        "IncludeSubdomains", true, "Override", true),
                                "ContentSecurityPolicy", Map.of("ContentSecurityPolicy",
                                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
                                                + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
                                        "Override", true),
                                "ContentTypeOptions", Map.of("Override", true),
                                "ReferrerPolicy", Map.of("ReferrerPolicy", "strict-origin-when-cross-origin", "Override", true),
                                "FrameOptions", Map.of("FrameOption", "DENY", "Override", true))))));
        Map<String, Object> config = distributionConfig();
        assertThat(config.get("DefaultCacheBehavior").toString()).contains("ResponseHeadersPolicyId={Ref=" + policy + "}");
        assertThat(config.get("CacheBehaviors").toString()).contains("ResponseHeadersPolicyId={Ref=" + policy + "}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void cloudfront_sends_exactly_the_headers_of_the_shared_definition_that_iln_dev_sends() {
        // given
        Map<String, Object> policy = (Map<String, Object>) MAIN.findResources("AWS::CloudFront::ResponseHeadersPolicy")
                .values().iterator().next().get("Properties");
        Map<String, Object> config = (Map<String, Object>) policy.get("ResponseHeadersPolicyConfig");
        Map<String, Map<String, Object>> security = (Map<String, Map<String, Object>>) config.get("SecurityHeadersConfig");

        // when: the policy read back as the headers a browser receives
        Map<String, String> sent = new java.util.LinkedHashMap<>();
        security.forEach((setting, value) -> {
            switch (setting) {
                case "StrictTransportSecurity" -> sent.put("Strict-Transport-Security", "max-age="
                        + value.get("AccessControlMaxAgeSec")
                        + (Boolean.TRUE.equals(value.get("IncludeSubdomains")) ? "; includeSubDomains" : "")
                        + (Boolean.TRUE.equals(value.get("Preload")) ? "; preload" : ""));
                case "ContentSecurityPolicy" -> sent.put("Content-Security-Policy", (String) value.get(setting));
                case "ContentTypeOptions" -> sent.put("X-Content-Type-Options", "nosniff");
                case "ReferrerPolicy" -> sent.put("Referrer-Policy", (String) value.get(setting));
                case "FrameOptions" -> sent.put("X-Frame-Options", (String) value.get("FrameOption"));
                default -> sent.put(setting, "(a setting this test does not read back)");
            }
            assertThat(value).as(setting).containsEntry("Override", true);
        });
        Map<String, Object> custom = (Map<String, Object>) config.getOrDefault("CustomHeadersConfig", Map.of("Items", List.of()));
        for (Map<String, Object> item : (List<Map<String, Object>>) custom.get("Items")) {
            sent.put((String) item.get("Header"), (String) item.get("Value"));
        }

        // then
        assertThat(sent).containsExactlyInAnyOrderEntriesOf(ResponseHeaders.production().headers());
    }

    @Test
    void the_distribution_is_guarded_by_the_web_acl_from_the_us_east_1_edge_stack() {
        // CloudFront takes the ACL's ARN; across regions it arrives through CDK's SSM-backed export reader.
        assertThat(distributionConfig().get("WebACLId").toString()).contains("ExportsReader");
        EDGE.hasResourceProperties("Custom::CrossRegionExportWriter", Map.of(
                "WriterProps", Map.of("region", "eu-west-1", "exports", Match.objectLike(Map.of()))));
        assertThat(SynthesisedProgramme.mainStack().getRegion()).isEqualTo("eu-west-1");
    }

    @Test
    void the_web_acl_is_for_cloudfront_and_blocks_an_address_that_calls_the_api_too_often_with_429() {
        EDGE.hasResourceProperties("AWS::WAFv2::WebACL", Map.of(
                "Scope", "CLOUDFRONT",
                "DefaultAction", Map.of("Allow", Map.of()),
                "Rules", List.of(Match.objectLike(Map.of(
                        "Action", Map.of("Block", Map.of("CustomResponse", Map.of("ResponseCode", 429))),
                        "Statement", Map.of("RateBasedStatement", Match.objectLike(Map.of(
                                "AggregateKeyType", "IP",
                                "Limit", 250,
                                "EvaluationWindowSec", 300,
                                "ScopeDownStatement", Map.of("ByteMatchStatement", Match.objectLike(Map.of(
                                        "FieldToMatch", Map.of("UriPath", Map.of()),
                                        "PositionalConstraint", "STARTS_WITH",
                                        "SearchString", "/api/")))))))))));
    }

    @Test
    void the_deploy_workflow_finds_the_bucket_and_the_distribution_in_the_stack_outputs() {
        MAIN.hasOutput("SiteBucketName", Map.of("Value", Map.of("Ref", SynthesisedProgramme.logicalId(
                SynthesisedProgramme.mainStack().siteBucket()))));
        MAIN.hasOutput("DistributionId", Map.of("Value", Map.of("Ref", SynthesisedProgramme.logicalId(
                SynthesisedProgramme.mainStack().distribution()))));
        MAIN.hasOutput("SiteUrl", Match.anyValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> distributionConfig() {
        Map<String, Map<String, Object>> distributions = SynthesisedProgramme.resources(MAIN, "AWS::CloudFront::Distribution");
        assertThat(distributions).hasSize(1);
        Map<String, Object> properties = (Map<String, Object>) distributions.values().iterator().next().get("Properties");
        return (Map<String, Object>) properties.get("DistributionConfig");
    }

    private static String onlyLogicalId(String type) {
        Map<String, Map<String, Object>> found = SynthesisedProgramme.resources(MAIN, type);
        assertThat(found).as(type).hasSize(1);
        return found.keySet().iterator().next();
    }
}
