package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.iln.testing.SkipWithoutEmulator;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SettableClock;

/**
 * Random and hostile bodies (huge, truncated, wrong types, odd Unicode, CRLF, markup) never
 * make the signup API fail with 5xx and never store anything but the per-client counter.
 */
@AddLifecycleHook(SkipWithoutEmulator.class)
class HostileBodiesTest {

    static final String[] HOSTILE = {
        "<script>alert(1)</script>", "\r\nBcc: victim@example.org", "\u0000", "\u202Egnp.exe", "\ud800",
        "${7*7}", "<#assign x=1>", "' OR 1=1 --", "\uFEFF", "😀".repeat(40), "a".repeat(300), "\u0085", "%00",
        "{\"$ne\":null}", "\\", "\"", "\u2028", "ＡＢＣ", "e\u0301", "../../etc/passwd"};

    static Aws aws;
    static ApiHandler handler;

    @BeforeContainer
    static void startEmulator() {
        aws = AwsEmulator.fresh();
        SettableClock clock = new SettableClock(Instant.parse("2026-01-20T10:00:00Z"));
        handler = new ApiHandler(aws.clients(), clock, aws.config(1_000_000));
    }

    @Property(tries = 200)
    void random_and_hostile_bodies_never_fail_and_never_store_anything(
            @ForAll("contentTypes") String contentType, @ForAll("bodies") String body) {
        // when
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                Events.post("/api/signup", contentType, body), null);

        // then
        assertThat(response.getStatusCode()).as(body).isBetween(200, 499);
        assertThat(aws.itemsExceptRateCounters()).as(body).isEmpty();
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return hostileContentTypes();
    }

    static Arbitrary<String> hostileContentTypes() {
        return Arbitraries.of("application/json", "application/x-www-form-urlencoded", "application/json; charset=utf-8",
                "text/plain", "APPLICATION/JSON");
    }

    @Provide
    Arbitrary<String> bodies() {
        return hostileBodies();
    }

    /** The bodies: random text, hostile strings, and a valid signup broken in every way (also the personal page's). */
    static Arbitrary<String> hostileBodies() {
        Arbitrary<String> hostile = Arbitraries.of(HOSTILE);
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(200);
        String validJson = Applicant.valid("fuzz@example.org", java.time.Clock.fixed(
                Instant.parse("2026-01-20T09:00:00Z"), java.time.ZoneOffset.UTC)).json();
        String validForm = Applicant.valid("fuzz@example.org", java.time.Clock.fixed(
                Instant.parse("2026-01-20T09:00:00Z"), java.time.ZoneOffset.UTC)).form();
        Arbitrary<String> field = Arbitraries.of("email", "country", "timezone", "languages",
                "sector", "careerStage", "interests", "consentPrivacy", "maxPartners", "openToAny");
        Arbitrary<String> freeText = Arbitraries.of("givenName", "familyName", "role");
        Arbitrary<String> unprintable = Arbitraries.of("\r\nBcc: victim@example.org", "\u0000", "\ud800", "\u0085",
                "\u2028", "a".repeat(101), "<b\u0007>", "x\ty");
        // A valid signup with one field made hostile: a choice field takes no free text, and a
        // free-text field takes no control characters or broken Unicode. Refused, nothing stored.
        Arbitrary<String> poisonedText = Combinators.combine(freeText, unprintable)
                .as((f, h) -> validJson.replaceFirst("\"" + f + "\":\"[^\"]*\"",
                        java.util.regex.Matcher.quoteReplacement("\"" + f + "\":" + Applicant.quote(h))));
        Arbitrary<String> poisonedJson = Combinators.combine(field, hostile)
                .as((f, h) -> validJson.replaceFirst("\"" + f + "\":(\\[[^\\]]*\\]|\"[^\"]*\")",
                        java.util.regex.Matcher.quoteReplacement("\"" + f + "\":" + Applicant.quote(h))));
        Arbitrary<String> poisonedForm = Combinators.combine(field, hostile)
                .as((f, h) -> validForm.replaceAll("(^|&)" + f + "=[^&]*", "$1" + java.util.regex.Matcher.quoteReplacement(
                        f + "=" + java.net.URLEncoder.encode(h, java.nio.charset.StandardCharsets.UTF_8))));
        Arbitrary<String> wrongTypes = Combinators.combine(field, Arbitraries.of("{}", "[[1]]", "[{}]", "1.5",
                        "{\"a\":[1,{\"b\":2}]}", "[true,false]", "-1e999"))
                .as((f, v) -> validJson.replaceFirst("\"" + f + "\":(\\[[^\\]]*\\]|\"[^\"]*\")",
                        java.util.regex.Matcher.quoteReplacement("\"" + f + "\":" + v)));
        // null means "not given": wrong only for a required field (optional ones take defaults).
        Arbitrary<String> nullRequired = Arbitraries.of("email", "country", "timezone", "languages", "sector",
                        "careerStage", "interests", "consentPrivacy", "consentShare", "givenName")
                .map(f -> validJson.replaceFirst("\"" + f + "\":(\\[[^\\]]*\\]|\"[^\"]*\")", "\"" + f + "\":null"));
        Arbitrary<String> truncated = Arbitraries.integers().between(0, validJson.length() - 1)
                .map(n -> validJson.substring(0, n));
        Arbitrary<String> huge = Arbitraries.integers().between(16 * 1024 - 100, 64 * 1024)
                .map(n -> validJson.replace("Systems librarian", "x".repeat(n)));
        Arbitrary<String> nested = Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n));
        Arbitrary<String> formNoise = anyText.map(t -> t.replace(' ', '&'));
        return Arbitraries.oneOf(anyText, hostile, poisonedText, poisonedJson, poisonedForm, wrongTypes, nullRequired, truncated, huge, nested,
                formNoise);
    }
}
