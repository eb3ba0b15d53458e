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
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SentMail;
import org.iln.testing.SettableClock;
import org.iln.testing.SkipWithoutEmulator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Random and hostile bodies posted with a matched participant's genuine link to the moves a
 * matched person has (the check-in, withdraw, "I'm still here", "my partner hasn't replied" in the
 * first week, when it is not yet open) never make the API fail with 5xx, name the field of every
 * error they answer with, and store nothing: no check-in answer, no nudge, no status change.
 */
@AddLifecycleHook(SkipWithoutEmulator.class)
class MatchedPageHostileBodiesTest {

    static Aws aws;
    static ApiHandler handler;
    static String pageToken;
    static List<Map<String, AttributeValue>> before;

    @BeforeContainer
    static void matchTwoApplicants() {
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
        new DispatchHandler(aws.clients(), clock, aws.config(), clock::advance).handleRequest(Map.of(), null);
        pageToken = aws.sentMail().stream().filter(m -> m.to().equals("fuzz@example.org")
                && m.text().contains("/api/me?")).reduce((a, b) -> b).orElseThrow().token("/api/me");
        // The day after the introduction: matched, before "my partner hasn't replied" opens.
        clock.set(Instant.parse("2026-02-24T10:00:00Z"));
        before = stateItems();
        assertThat(before).filteredOn(i -> "APPLICATION".equals(i.get("itemType").s()))
                .extracting(i -> i.get("status").s()).containsOnly("MATCHED");
    }

    @Property(tries = 150)
    void hostile_bodies_on_a_matched_persons_moves_never_fail_name_their_fields_and_store_nothing(
            @ForAll("paths") String path, @ForAll("contentTypes") String contentType, @ForAll("bodies") String body) {
        // when
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                Events.postWithToken(path, pageToken, contentType, body), null);

        // then
        assertThat(response.getStatusCode()).as(body).isBetween(200, 499);
        if (response.getStatusCode() == 400) {
            assertThat(response.getBody()).as(body).containsAnyOf("\"field\"", "<strong>");
        }
        assertThat(stateItems()).as(body).isEqualTo(before);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("/api/me/check-in", "/api/me/withdraw", "/api/me/still-here", "/api/me/no-reply");
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return HostileBodiesTest.hostileContentTypes();
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(HostileBodiesTest.hostileBodies(), movesShapedBodies());
    }

    /** Bodies with the moves' own field names and hostile values; never a valid answer or a ticked withdrawal. */
    private static Arbitrary<String> movesShapedBodies() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("", "YES", "Yes ", " yes", "met", "MET", "no_reply",
                        "arranging\u0000", "\u202e", "null", "[]", "{}", "x".repeat(5000), "%FF", "%", "yes%00"),
                Arbitraries.strings().ofMaxLength(40))
                .filter(v -> !List.of("yes", "arranging", "no-reply").contains(v));
        Arbitrary<String> field = Arbitraries.of("answer", "answer[]", "confirmWithdrawal", "ask", "");
        return Arbitraries.oneOf(
                Arbitraries.entries(field, value).list().ofMaxSize(6).map(entries -> String.join("&",
                        entries.stream().map(e -> e.getKey() + "=" + e.getValue()).toList())),
                Arbitraries.entries(field, value).list().ofMaxSize(4).map(entries -> "{" + String.join(",",
                        entries.stream().map(e -> Applicant.quote(e.getKey()) + ":" + Applicant.quote(e.getValue()))
                                .toList()) + "}"),
                Arbitraries.of("{\"answer\":[\"yes\",\"no-reply\"]}", "answer=yes&answer=no-reply",
                        "{\"answer\":1}", "{\"confirmWithdrawal\":true}", "confirmWithdrawal=yes&confirmWithdrawal=yes"));
    }

    private static SentMail last() {
        List<SentMail> mail = aws.sentMail();
        return mail.get(mail.size() - 1);
    }

    /** The applications, partnerships and check-ins, but for when an application was last updated. */
    private static List<Map<String, AttributeValue>> stateItems() {
        return aws.items().stream()
                .filter(i -> i.containsKey("itemType")
                        && List.of("APPLICATION", "PAIR", "CHECK_IN").contains(i.get("itemType").s()))
                .map(i -> {
                    Map<String, AttributeValue> copy = new java.util.HashMap<>(i);
                    copy.remove("updatedAt");
                    return copy;
                }).toList();
    }
}
