package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.iln.mail.DispatchHandler;
import org.iln.round.NightlyMatchingHandler;
import org.iln.round.RoundEndHandler;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SentMail;
import org.iln.testing.SettableClock;
import org.iln.testing.SkipWithoutEmulator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Random and hostile bodies posted to the survey and to "join the next round" with a genuine
 * link never make the API fail with 5xx: no survey answer is ever stored from them, and however
 * many arrive, the next round gets at most the one application joining makes (its body is not read).
 */
@AddLifecycleHook(SkipWithoutEmulator.class)
class SurveyHostileBodiesTest {

    static Aws aws;
    static ApiHandler handler;
    static String link;

    @BeforeContainer
    static void endARoundForTwoPartners() {
        aws = AwsEmulator.fresh();
        SettableClock clock = new SettableClock(Instant.parse("2026-01-20T10:00:00Z"));
        handler = new ApiHandler(aws.clients(), clock, aws.config(1_000_000));
        for (String[] who : List.of(new String[] {"fuzz@example.org", "SE"}, new String[] {"other@example.org", "GH"})) {
            handler.handleRequest(Events.post("/api/signup", "application/json",
                    Applicant.valid(who[0], clock).set("country", who[1]).set("excludeCountries").json()), null);
            handler.handleRequest(Events.get("/api/confirm", last().token("/api/confirm")), null);
        }
        clock.set(Instant.parse("2026-02-23T02:00:00Z"));
        new NightlyMatchingHandler(aws.clients(), clock, aws.config()).handleRequest(Map.of(), null);
        clock.set(Instant.parse("2026-06-22T02:40:00Z"));
        new RoundEndHandler(aws.clients(), clock, aws.config()).handleRequest(Map.of(), null);
        new DispatchHandler(aws.clients(), clock, aws.config(), clock::advance).handleRequest(Map.of(), null);
        link = aws.sentMail().stream().filter(m -> m.to().equals("fuzz@example.org")
                && m.text().contains("/api/me/survey")).findFirst().orElseThrow().token("/api/me/survey");
        // The survey is still open and the next round takes applications.
        clock.set(Instant.parse("2026-07-13T10:00:00Z"));
    }

    @Property(tries = 150)
    void hostile_bodies_on_the_survey_and_the_next_round_never_fail_and_store_no_answer(
            @ForAll("paths") String path, @ForAll("contentTypes") String contentType, @ForAll("bodies") String body) {
        // when
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.postWithToken(path, link, contentType, body),
                null);

        // then
        assertThat(response.getStatusCode()).as(body).isBetween(200, 499);
        assertThat(itemsOfType("SURVEY_ANSWER")).as(body).isEmpty();
        assertThat(itemsOfType("APPLICATION")).filteredOn(i -> i.get("round").s().equals("2026-2")).as(body)
                .hasSizeLessThanOrEqualTo(1);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("/api/me/survey", "/api/me/next-round");
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return HostileBodiesTest.hostileContentTypes();
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(HostileBodiesTest.hostileBodies(), surveyShapedBodies());
    }

    /** Bodies with the survey's own field names and hostile values: wrong types, repeats, huge text. */
    private static Arbitrary<String> surveyShapedBodies() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("", "0", "6", "-1", "1e9", "yes", "YES", "never ",
                        "\u0000", "\u202e", "null", "[]", "{}", "x".repeat(5000), "%FF", "%", "monthly%00"),
                Arbitraries.strings().ofMaxLength(40))
                // Never a usefulness of 1 to 5, so no generated body is a valid answer.
                .filter(v -> !v.strip().matches("[1-5]"));
        Arbitrary<String> field = Arbitraries.of("met", "usefulness", "recommend", "improve", "mayQuote", "met[]", "");
        return Arbitraries.oneOf(
                Arbitraries.entries(field, value).list().ofMaxSize(8).map(entries -> String.join("&",
                        entries.stream().map(e -> e.getKey() + "=" + e.getValue()).toList())),
                Arbitraries.entries(field, value).list().ofMaxSize(6).map(entries -> "{" + String.join(",",
                        entries.stream().map(e -> Applicant.quote(e.getKey()) + ":" + Applicant.quote(e.getValue()))
                                .toList()) + "}"),
                Arbitraries.of("{\"met\":1,\"usefulness\":[5,5],\"recommend\":{\"a\":1},\"mayQuote\":true}",
                        "{\"met\":null,\"usefulness\":null,\"recommend\":null,\"mayQuote\":null,\"improve\":null}"));
    }

    private static SentMail last() {
        List<SentMail> mail = aws.sentMail();
        return mail.get(mail.size() - 1);
    }

    private static List<Map<String, AttributeValue>> itemsOfType(String type) {
        return aws.items().stream().filter(i -> i.containsKey("itemType") && type.equals(i.get("itemType").s()))
                .toList();
    }
}
