package org.iln.infrastructure;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.Construct;

/**
 * What CloudFront needs from us-east-1: the WAF web ACL with its rate-based rule.
 *
 * <p>A web ACL that protects a CloudFront distribution must have CLOUDFRONT scope, and such web
 * ACLs exist only in us-east-1. Keeping it in this small stack lets the main stack (table,
 * functions, SES) live in whichever region the maintainers choose; the main stack reads the ACL's
 * ARN through a cross-region reference.
 */
public final class EdgeStack extends Stack {

    /** The path prefix CloudFront routes to the HTTP API; the rate rule counts only these requests. */
    static final String API_PATH_PREFIX = "/api/";

    private final CfnWebACL webAcl;

    public EdgeStack(Construct scope, String id, StackProps props, StackSettings settings) {
        super(scope, id, props);

        // Only the API is rate limited: static pages are served from CloudFront's cache, and
        // many librarians share one address behind their library's network.
        CfnWebACL.RuleProperty apiRate = CfnWebACL.RuleProperty.builder()
                .name("api-rate-per-address")
                .priority(0)
                .action(CfnWebACL.RuleActionProperty.builder()
                        // 429 rather than WAF's default 403, which CloudFront would turn into the 404 page.
                        .block(CfnWebACL.BlockActionProperty.builder()
                                .customResponse(CfnWebACL.CustomResponseProperty.builder()
                                        .responseCode(429)
                                        .build())
                                .build())
                        .build())
                .statement(CfnWebACL.StatementProperty.builder()
                        .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                .aggregateKeyType("IP")
                                .limit(settings.wafRateLimit())
                                .evaluationWindowSec(300)
                                .scopeDownStatement(CfnWebACL.StatementProperty.builder()
                                        .byteMatchStatement(CfnWebACL.ByteMatchStatementProperty.builder()
                                                .fieldToMatch(CfnWebACL.FieldToMatchProperty.builder()
                                                        .uriPath(Map.of())
                                                        .build())
                                                .positionalConstraint("STARTS_WITH")
                                                .searchString(API_PATH_PREFIX)
                                                .textTransformations(List.of(CfnWebACL.TextTransformationProperty.builder()
                                                        .priority(0)
                                                        .type("NONE")
                                                        .build()))
                                                .build())
                                        .build())
                                .build())
                        .build())
                .visibilityConfig(visibility("api-rate-per-address"))
                .build();

        webAcl = CfnWebACL.Builder.create(this, "WebAcl")
                .name(settings.stackName() + "-web-acl")
                .scope("CLOUDFRONT")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build())
                        .build())
                .rules(List.of(apiRate))
                .visibilityConfig(visibility(settings.stackName() + "-web-acl"))
                .build();
    }

    /** The web ACL's ARN, which CloudFront's {@code WebACLId} takes. */
    public String webAclArn() {
        return webAcl.getAttrArn();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .metricName(metricName)
                .sampledRequestsEnabled(true)
                .build();
    }
}
