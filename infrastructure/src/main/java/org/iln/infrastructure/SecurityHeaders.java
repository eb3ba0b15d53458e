package org.iln.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iln.serving.ResponseHeaders;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeader;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.constructs.Construct;

/**
 * CloudFront's response headers policy built from {@link ResponseHeaders}, the definition
 * {@code ./iln dev} sends too. CloudFront takes the security headers as typed settings (it refuses
 * them as custom headers), so each is translated here; any other header becomes a custom one.
 */
final class SecurityHeaders {

    private static final Pattern HSTS = Pattern.compile(
            "max-age=(\\d+)((?:; includeSubDomains)?)((?:; preload)?)");

    private SecurityHeaders() {
    }

    /**
     * The policy, every header overriding whatever the origin sent.
     *
     * @throws IllegalArgumentException when a security header's value has no CloudFront setting
     */
    static ResponseHeadersPolicy policy(Construct scope, String id, ResponseHeaders headers) {
        ResponseSecurityHeadersBehavior.Builder security = ResponseSecurityHeadersBehavior.builder();
        List<ResponseCustomHeader> custom = new ArrayList<>();
        for (Map.Entry<String, String> header : headers.headers().entrySet()) {
            String value = header.getValue();
            switch (header.getKey().toLowerCase(Locale.ROOT)) {
                case "strict-transport-security" -> {
                    Matcher hsts = HSTS.matcher(value);
                    if (!hsts.matches()) {
                        throw new IllegalArgumentException("Strict-Transport-Security: CloudFront takes "
                                + "'max-age=N[; includeSubDomains][; preload]', not '" + value + "'");
                    }
                    security.strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                            .accessControlMaxAge(Duration.seconds(Long.parseLong(hsts.group(1))))
                            .includeSubdomains(!hsts.group(2).isEmpty())
                            .preload(hsts.group(3).isEmpty() ? null : true)
                            .override(true)
                            .build());
                }
                case "content-security-policy" -> security.contentSecurityPolicy(
                        ResponseHeadersContentSecurityPolicy.builder().contentSecurityPolicy(value).override(true).build());
                case "x-content-type-options" -> {
                    if (!value.equals("nosniff")) {
                        throw new IllegalArgumentException("X-Content-Type-Options: CloudFront sends only 'nosniff', not '"
                                + value + "'");
                    }
                    security.contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build());
                }
                case "referrer-policy" -> security.referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                        .referrerPolicy(HeadersReferrerPolicy.valueOf(constant(header.getKey(), value)))
                        .override(true)
                        .build());
                case "x-frame-options" -> security.frameOptions(ResponseHeadersFrameOptions.builder()
                        .frameOption(HeadersFrameOption.valueOf(constant(header.getKey(), value)))
                        .override(true)
                        .build());
                default -> custom.add(ResponseCustomHeader.builder()
                        .header(header.getKey()).value(value).override(true).build());
            }
        }
        ResponseHeadersPolicy.Builder policy = ResponseHeadersPolicy.Builder.create(scope, id)
                .comment("The headers of org.iln.serving.ResponseHeaders, as ./iln dev sends them")
                .securityHeadersBehavior(security.build());
        if (!custom.isEmpty()) {
            policy.customHeadersBehavior(ResponseCustomHeadersBehavior.builder().customHeaders(custom).build());
        }
        return policy.build();
    }

    /** "strict-origin-when-cross-origin" → STRICT_ORIGIN_WHEN_CROSS_ORIGIN, the CDK enum constant's name. */
    private static String constant(String header, String value) {
        String name = value.toUpperCase(Locale.ROOT).replace('-', '_');
        if (!name.matches("[A-Z_]+")) {
            throw new IllegalArgumentException(header + ": '" + value + "' has no CloudFront setting");
        }
        return name;
    }
}
