package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SettableClock;
import org.iln.testing.SkipWithoutEmulator;

/**
 * Random and hostile bodies never make the volunteer form's API fail with 5xx, and never store
 * anything but the per-client counter (the honeypot and the signup suite's bodies included).
 */
@AddLifecycleHook(SkipWithoutEmulator.class)
class VolunteerHostileBodiesTest {

    static final String VALID_FORM = "name=Amina&email=fuzz%40example.org&country=KE&languages=en&why=Because"
            + "&hours=4&consent=on";

    static Aws aws;
    static ApiHandler handler;

    @BeforeContainer
    static void startEmulator() {
        aws = AwsEmulator.fresh();
        SettableClock clock = new SettableClock(Instant.parse("2026-01-20T10:00:00Z"));
        handler = new ApiHandler(aws.clients(), clock, aws.config(1_000_000));
    }

    @Property(tries = 200)
    void random_and_hostile_bodies_never_fail_and_never_store_an_offer(
            @ForAll("contentTypes") String contentType, @ForAll("bodies") String body) {
        // when
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.post("/api/volunteer", contentType, body), null);

        // then
        assertThat(response.getStatusCode()).as(body).isBetween(200, 499);
        assertThat(aws.itemsExceptRateCounters()).as(body).isEmpty();
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return HostileBodiesTest.hostileContentTypes();
    }

    /**
     * The signup suite's hostile bodies, and a valid offer with one field made hostile: a choice
     * field takes no free text, and a free-text field takes no control characters or broken Unicode.
     */
    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> choice = Arbitraries.of("email", "country", "languages", "hours", "consent");
        Arbitrary<String> hostile = Arbitraries.oneOf(Arbitraries.of(HostileBodiesTest.HOSTILE),
                Arbitraries.of("0", "41", "-1", "4.5", "1e3", ""));
        Arbitrary<String> freeText = Arbitraries.of("name", "why");
        Arbitrary<String> unprintable = Arbitraries.of("\u0000", "\u0085", "\u202Egnp", "x".repeat(2_001), "");
        Arbitrary<String> poisonedChoice = Combinators.combine(choice, hostile).as(VolunteerHostileBodiesTest::with);
        Arbitrary<String> poisonedText = Combinators.combine(freeText, unprintable).as(VolunteerHostileBodiesTest::with);
        return Arbitraries.oneOf(HostileBodiesTest.hostileBodies(), poisonedChoice, poisonedText);
    }

    static String with(String field, String value) {
        return VALID_FORM.replaceAll("(^|&)" + field + "=[^&]*", "$1" + Matcher.quoteReplacement(
                field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    }
}
