package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.iln.mail.DispatchHandler;
import org.iln.round.NightlyMatchingHandler;
import org.iln.round.RoundCareHandler;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.Events;
import org.iln.testing.SentMail;
import org.iln.testing.SettableClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Drives the API as a participant would: apply, read the mail, follow its links. */
final class LifecycleFixture {

    static final Instant ROUND_OPEN = Instant.parse("2026-01-20T10:00:00Z");

    final Aws aws;
    final SettableClock clock = new SettableClock(ROUND_OPEN);
    final ApiHandler handler;

    LifecycleFixture(Aws aws) {
        this.aws = aws;
        this.handler = new ApiHandler(aws.clients(), clock, aws.config());
    }

    /** Applies with this address (and country) and returns the confirmation mail's token. */
    String apply(String email, String country) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.post("/api/signup", "application/json",
                Applicant.valid(email, clock).set("country", country).set("excludeCountries").json()), null);
        assertThat(response.getStatusCode()).isEqualTo(202);
        SentMail last = lastMail();
        assertThat(last.to()).isEqualTo(email);
        return last.token("/api/confirm");
    }

    APIGatewayV2HTTPResponse get(String path, String token) {
        return handler.handleRequest(Events.get(path, token), null);
    }

    APIGatewayV2HTTPResponse post(String path, String token, String body) {
        return handler.handleRequest(Events.postWithToken(path, token, "application/x-www-form-urlencoded", body), null);
    }

    SentMail lastMail() {
        List<SentMail> mail = aws.sentMail();
        return mail.get(mail.size() - 1);
    }

    List<Map<String, AttributeValue>> itemsOfType(String type) {
        return aws.items().stream().filter(i -> i.containsKey("itemType") && type.equals(i.get("itemType").s()))
                .toList();
    }

    List<Map<String, AttributeValue>> confirmedByRound(String round) {
        return aws.dynamo().query(b -> b.tableName(Aws.TABLE).indexName("confirmed-by-round")
                .keyConditionExpression("confirmedRound = :r")
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(round)))).items();
    }

    /** The nightly matching job, as the schedule runs it. */
    void matchingNight() {
        new NightlyMatchingHandler(aws.clients(), clock, aws.config()).handleRequest(Map.of(), null);
    }

    /** The round care job (check-ins, nudges, silent partners), as the schedule runs it. */
    void roundCare() {
        new RoundCareHandler(aws.clients(), clock, aws.config()).handleRequest(Map.of(), null);
    }

    /** The mail dispatch job; its pauses between sends move this fixture's clock instead of waiting. */
    void dispatch() {
        new DispatchHandler(aws.clients(), clock, aws.config(), clock::advance).handleRequest(Map.of(), null);
    }
}
