package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(AwsEmulator.class)
class ErasureTest {

    LifecycleFixture participant;
    Aws aws;

    @BeforeEach
    void setUp(Aws aws) {
        this.aws = aws;
        participant = new LifecycleFixture(aws);
    }

    APIGatewayV2HTTPResponse requestErasure(String email) {
        return participant.handler.handleRequest(Events.post("/api/erase", "application/json",
                "{\"email\":\"" + email + "\"}"), null);
    }

    @Test
    void a_request_always_gets_the_same_answer_but_only_a_known_address_gets_a_link() {
        // given
        participant.apply("known@example.org", "AU");
        int mails = aws.sentMail().size();

        // when
        APIGatewayV2HTTPResponse known = requestErasure("known@example.org");
        APIGatewayV2HTTPResponse unknown = requestErasure("stranger@example.org");

        // then
        assertThat(known.getStatusCode()).isEqualTo(202);
        assertThat(unknown.getStatusCode()).isEqualTo(202);
        assertThat(unknown.getBody()).isEqualTo(known.getBody());
        assertThat(aws.sentMail()).hasSize(mails + 1);
        assertThat(participant.lastMail().to()).isEqualTo("known@example.org");
        assertThat(participant.lastMail().link("/api/erase")).isNotBlank();
    }

    @Test
    void a_form_request_with_a_bad_address_names_the_field() {
        // when
        APIGatewayV2HTTPResponse response = participant.handler.handleRequest(Events.post("/api/erase",
                "application/x-www-form-urlencoded", "email=nonsense"), null);

        // then
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("Email address");
    }

    @Test
    void following_the_link_shows_a_confirmation_form_and_posting_it_erases_the_person() {
        // given: a confirmed participant, with an earlier round's partnership on record
        participant.get("/api/confirm", participant.apply("erase.me@example.org", "AU"));
        participant.apply("someone.else@example.org", "NZ");
        String hash = participant.itemsOfType("APPLICATION").stream()
                .filter(a -> a.get("email").s().equals("erase.me@example.org"))
                .map(a -> a.get("addressHash").s()).findFirst().orElseThrow();
        aws.dynamo().putItem(b -> b.tableName(Aws.TABLE).item(Map.of(
                "pk", AttributeValue.fromS("ROUND#2025-2"), "sk", AttributeValue.fromS("PAIR#p1#MEMBER#x"),
                "itemType", AttributeValue.fromS("PAIR_MEMBER"), "addressHash", AttributeValue.fromS(hash),
                "givenName", AttributeValue.fromS("Erin"), "email", AttributeValue.fromS("erase.me@example.org"),
                "pairId", AttributeValue.fromS("p1"))));
        requestErasure("erase.me@example.org");
        String token = participant.lastMail().token("/api/erase");

        // when
        APIGatewayV2HTTPResponse page = participant.get("/api/erase", token);
        APIGatewayV2HTTPResponse erased = participant.post("/api/erase", token, "");

        // then
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getBody()).contains("<form method=\"post\"", "Erase my data");
        assertThat(erased.getStatusCode()).isEqualTo(303);
        assertThat(erased.getHeaders()).containsEntry("Location", "/erased.html");
        List<Map<String, AttributeValue>> left = aws.items();
        assertThat(left).noneSatisfy(i -> assertThat(i.values().stream().map(AttributeValue::s).toList())
                .contains("erase.me@example.org"));
        assertThat(left).noneMatch(i -> i.containsKey("addressHash") && i.get("addressHash").s().equals(hash));
        assertThat(left).filteredOn(i -> i.get("sk").s().startsWith("PAIR#")).singleElement().satisfies(member -> {
            assertThat(member.get("erased").bool()).isTrue();
            assertThat(member).doesNotContainKeys("givenName", "email", "addressHash");
            assertThat(member.get("pairId").s()).isEqualTo("p1");
        });
        // the other applicant is untouched
        assertThat(participant.itemsOfType("APPLICATION")).singleElement()
                .satisfies(a -> assertThat(a.get("email").s()).isEqualTo("someone.else@example.org"));
        assertThat(participant.lastMail().to()).isEqualTo("erase.me@example.org");
        assertThat(participant.lastMail().subject()).contains("erased");
        // the link is spent
        assertThat(participant.post("/api/erase", token, "").getHeaders())
                .containsEntry("Location", "/link-expired.html");
    }

    @Test
    void an_unsubscribed_person_stays_suppressed_after_erasure() {
        // given
        participant.get("/api/confirm", participant.apply("quiet@example.org", "AU"));
        participant.post("/api/unsubscribe", participant.lastMail().token("/api/unsubscribe"),
                "List-Unsubscribe=One-Click");
        requestErasure("quiet@example.org");

        // when
        participant.post("/api/erase", participant.lastMail().token("/api/erase"), "");

        // then
        assertThat(participant.itemsOfType("SUPPRESSION")).hasSize(1);
        assertThat(participant.itemsOfType("APPLICATION")).isEmpty();
        assertThat(participant.itemsOfType("LOCK")).isEmpty();
        assertThat(participant.itemsOfType("TOKEN")).isEmpty();
        assertThat(participant.itemsOfType("MAIL")).isEmpty();
    }
}
