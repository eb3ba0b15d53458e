package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.iln.config.FunctionsConfig;
import org.iln.round.NightlyMatchingHandler;
import org.iln.round.RoundFixture;
import org.iln.store.AddressHasher;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SkipWithoutEmulator;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.iln.token.TokenStore;

/**
 * Random and hostile bodies posted to the coordinator page's forms with a genuine programme-team
 * link never make the API fail with 5xx and never approve, hold, pin, forbid, withdraw, resend or
 * pair anything.
 */
@AddLifecycleHook(SkipWithoutEmulator.class)
class CoordinatorPageHostileBodiesTest {

    static Aws aws;
    static ApiHandler handler;
    static String token;

    @BeforeContainer
    static void draftARound() {
        aws = AwsEmulator.fresh();
        RoundFixture round = new RoundFixture(aws);
        FunctionsConfig config = aws.approvalRequired();
        round.seed(6, Map.of());
        new NightlyMatchingHandler(aws.clients(), round.clock, config).handleRequest(Map.of(), null);
        handler = new ApiHandler(aws.clients(), round.clock, new FunctionsConfig(config.tableName(), config.region(),
                config.endpointOverride(), config.addressKey(), config.tokenKey(), config.siteUrl(), config.mailFrom(),
                config.programme(), 1_000_000, config.rateWindow()));
        token = new SignedLinks(config.tokenKey(), new TokenStore(aws.dynamo(), Aws.TABLE)).mint(Purpose.COORDINATE,
                new AddressHasher(config.addressKey()).address("team@iln.example.org"), RoundFixture.ROUND,
                "programme", round.clock.instant());
    }

    @Property(tries = 240)
    void hostile_bodies_on_the_coordinator_forms_never_fail_and_never_change_anything(
            @ForAll("paths") String path, @ForAll("contentTypes") String contentType, @ForAll("bodies") String body) {
        // when
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                Events.postWithToken(path, token, contentType, body), null);

        // then
        assertThat(response.getStatusCode()).as(body).isBetween(200, 499);
        assertThat(aws.items()).as(body).noneMatch(i -> i.containsKey("itemType")
                && java.util.List.of("APPROVAL", "HOLD", "PIN", "FORBID", "AUDIT", "PAIR").contains(i.get("itemType").s()));
        assertThat(aws.items()).as(body).noneMatch(i -> i.containsKey("status")
                && i.get("status").s().equals("WITHDRAWN"));
        assertThat(aws.items()).as(body).noneMatch(i -> i.get("pk").s().startsWith("MAIL#resent-"));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("/api/coordinate/approve", "/api/coordinate/hold", "/api/coordinate/pin",
                "/api/coordinate/forbid", "/api/coordinate/withdraw", "/api/coordinate/resend",
                "/api/coordinate/pair", "/api/coordinate/link");
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return HostileBodiesTest.hostileContentTypes();
    }

    @Provide
    Arbitrary<String> bodies() {
        return HostileBodiesTest.hostileBodies();
    }
}
