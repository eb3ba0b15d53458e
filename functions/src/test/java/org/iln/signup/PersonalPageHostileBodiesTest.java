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
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SentMail;
import org.iln.testing.SettableClock;
import org.iln.testing.SkipWithoutEmulator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Random and hostile bodies posted to the personal page's forms (update, withdraw, "my partner
 * hasn't replied", "I'm still here", the check-in) with a genuine link never make
 * the API fail with 5xx and never change the application's answers or status: each is refused,
 * but for the one body that is the applicant's own answers again with {@code "email": null}
 * (a JSON null is "not given"), which stores the same answers.
 */
@AddLifecycleHook(SkipWithoutEmulator.class)
class PersonalPageHostileBodiesTest {

    static Aws aws;
    static ApiHandler handler;
    static String pageToken;
    static Map<String, AttributeValue> application;

    @BeforeContainer
    static void confirmAnApplicant() {
        aws = AwsEmulator.fresh();
        SettableClock clock = new SettableClock(Instant.parse("2026-01-20T10:00:00Z"));
        handler = new ApiHandler(aws.clients(), clock, aws.config(1_000_000));
        handler.handleRequest(Events.post("/api/signup", "application/json",
                Applicant.valid("fuzz@example.org", clock).json()), null);
        handler.handleRequest(Events.get("/api/confirm", last().token("/api/confirm")), null);
        pageToken = last().token("/api/me");
        application = answersAndStatus();
        assertThat(application.get("status").s()).isEqualTo("CONFIRMED");
    }

    @Property(tries = 150)
    void hostile_bodies_on_the_pages_forms_never_fail_and_never_change_the_application(
            @ForAll("paths") String path, @ForAll("contentTypes") String contentType, @ForAll("bodies") String body) {
        // when
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                Events.postWithToken(path, pageToken, contentType, body), null);

        // then
        assertThat(response.getStatusCode()).as(body).isBetween(200, 499);
        assertThat(answersAndStatus()).as(body).isEqualTo(application);
        assertThat(aws.items()).as(body).noneMatch(i -> i.containsKey("itemType")
                && List.of("CHECK_IN", "PAIR").contains(i.get("itemType").s()));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("/api/me/update", "/api/me/withdraw", "/api/me/no-reply", "/api/me/still-here",
                "/api/me/check-in");
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return HostileBodiesTest.hostileContentTypes();
    }

    @Provide
    Arbitrary<String> bodies() {
        return HostileBodiesTest.hostileBodies();
    }

    private static SentMail last() {
        List<SentMail> mail = aws.sentMail();
        return mail.get(mail.size() - 1);
    }

    /** The application item but for when it was last updated. */
    private static Map<String, AttributeValue> answersAndStatus() {
        Map<String, AttributeValue> item = new java.util.HashMap<>(aws.items().stream()
                .filter(i -> i.containsKey("itemType") && "APPLICATION".equals(i.get("itemType").s()))
                .findFirst().orElseThrow());
        item.remove("updatedAt");
        return item;
    }
}
