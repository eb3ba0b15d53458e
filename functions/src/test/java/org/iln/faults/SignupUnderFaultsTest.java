package org.iln.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.iln.json.Json;
import org.iln.mail.MailStore;
import org.iln.signup.ApiHandler;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SentMail;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Signup and confirmation while DynamoDB throttles, fails with 500s (before and after applying a
 * write) and SES throttles: every failed request is a 503 telling the person to retry, and once
 * the retries get through there is one application, one lock and one email of each kind.
 */
@ExtendWith(AwsEmulator.class)
class SignupUnderFaultsTest {

    private static final Instant ROUND_OPEN = Instant.parse("2026-01-20T10:00:00Z");
    /** More failed attempts than the SDK makes for one DynamoDB call, so the request fails. */
    private static final int EXHAUSTING = 12;

    private final SettableClock clock = new SettableClock(ROUND_OPEN);

    @Test
    void a_signup_throttled_past_the_sdk_retries_gets_a_503_and_its_retry_stores_one_application(Aws aws) {
        // given: DynamoDB throttles the signup transaction longer than the SDK retries
        Faults faults = new Faults(1).on(Call.dynamo("TransactWriteItems"), Faults.When.first(EXHAUSTING),
                Fault.dynamoThroughputExceeded());
        ApiHandler handler = handler(aws, faults);

        // when
        List<APIGatewayV2HTTPResponse> answers = signUpUntilAccepted(handler, "ana@example.org");

        // then
        assertThat(answers).hasSizeGreaterThan(1);
        assertRetryable(answers);
        assertOnce(aws, "ana@example.org");
    }

    @Test
    void a_signup_whose_write_succeeded_but_whose_answer_was_lost_still_sends_the_confirmation(Aws aws) {
        // given: the transaction is applied, then DynamoDB answers 500; the SDK retries it
        Faults faults = new Faults(1).on(Call.dynamo("TransactWriteItems"), Faults.When.nth(1),
                Fault.dynamoInternalErrorAfterApplying());
        ApiHandler handler = handler(aws, faults);

        // when
        List<APIGatewayV2HTTPResponse> answers = signUpUntilAccepted(handler, "ana@example.org");

        // then: one request, one email with a working link
        assertThat(faults.count()).isEqualTo(1);
        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsExactly(202);
        assertOnce(aws, "ana@example.org");
    }

    @Test
    void a_signup_whose_sent_mark_cannot_be_written_does_not_send_its_email_again(Aws aws) {
        // given: SES accepts the confirmation email, then DynamoDB throttles the "sent" mark to exhaustion
        Faults faults = new Faults(1).on(Call.dynamo("UpdateItem", "sentAt"), Faults.When.first(EXHAUSTING),
                Fault.dynamoThrottling());
        ApiHandler handler = handler(aws, faults);

        // when
        List<APIGatewayV2HTTPResponse> answers = signUpUntilAccepted(handler, "ana@example.org");
        signUpUntilAccepted(handler(aws, Faults.none()), "ana@example.org");

        // then
        assertRetryable(answers);
        assertOnce(aws, "ana@example.org");
    }

    @Test
    void a_signup_whose_email_ses_throttled_gets_a_503_and_its_retry_sends_one_email(Aws aws) {
        // given: SES throttles the first sends longer than the SDK retries
        Faults faults = new Faults(1).on(Call.sendEmail(), Faults.When.first(4), Fault.sesTooManyRequests());
        ApiHandler handler = handler(aws, faults);

        // when
        List<APIGatewayV2HTTPResponse> answers = signUpUntilAccepted(handler, "ana@example.org");

        // then
        assertThat(answers.get(0).getStatusCode()).isEqualTo(503);
        assertRetryable(answers);
        assertOnce(aws, "ana@example.org");
    }

    @Test
    void a_confirmation_whose_write_succeeded_but_whose_answer_was_lost_still_sends_the_confirmed_email(Aws aws) {
        // given: an application, and a confirmation transaction applied but answered with a 500
        String token = signUpAndReadLink(aws, "ana@example.org");
        Faults faults = new Faults(1).on(Call.dynamo("TransactWriteItems"), Faults.When.nth(1),
                Fault.dynamoInternalErrorAfterApplying());

        // when
        List<APIGatewayV2HTTPResponse> answers = confirmUntilDone(handler(aws, faults), token);

        // then
        assertThat(answers).extracting(r -> r.getHeaders().get("Location")).containsExactly("/confirmed.html");
        assertThat(mailTo(aws, "ana@example.org")).extracting(SentMail::subject).hasSize(2)
                .anySatisfy(s -> assertThat(s).containsIgnoringCase("confirmed"));
    }

    @Test
    void a_confirmation_that_failed_after_confirming_sends_the_confirmed_email_on_the_next_click(Aws aws) {
        // given: the confirmation is stored, then claiming its email is throttled to exhaustion
        String token = signUpAndReadLink(aws, "ana@example.org");
        Faults faults = new Faults(1).on(Call.dynamo("PutItem", "confirmed:"), Faults.When.first(EXHAUSTING),
                Fault.dynamoThroughputExceeded());

        // when
        List<APIGatewayV2HTTPResponse> answers = confirmUntilDone(handler(aws, faults), token);

        // then
        assertThat(answers.get(0).getStatusCode()).isEqualTo(503);
        assertRetryable(answers);
        assertThat(mailTo(aws, "ana@example.org")).hasSize(2);
        assertThat(confirmed(aws)).hasSize(1);
    }

    @Test
    void a_confirmation_whose_email_claim_was_written_but_answered_500_still_sends_the_email(Aws aws) {
        // given: the claim of the "confirmed" email is applied, then answered 500; the SDK retries it
        String token = signUpAndReadLink(aws, "ana@example.org");
        Faults faults = new Faults(1).on(Call.dynamo("PutItem", "confirmed:"), Faults.When.nth(1),
                Fault.dynamoInternalErrorAfterApplying());

        // when
        List<APIGatewayV2HTTPResponse> answers = confirmUntilDone(handler(aws, faults), token);

        // then
        assertThat(faults.count()).isEqualTo(1);
        assertThat(answers).hasSize(1);
        assertThat(mailTo(aws, "ana@example.org")).hasSize(2);
    }

    @Test
    void a_confirmation_whose_transaction_was_cancelled_as_throttled_is_a_503_not_an_expired_link(Aws aws) {
        // given: DynamoDB cancels the confirmation transaction: one of its items was throttled
        String token = signUpAndReadLink(aws, "ana@example.org");
        Faults faults = new Faults(1).on(Call.dynamo("TransactWriteItems"), Faults.When.nth(1),
                Fault.dynamoTransactionThrottled());

        // when
        List<APIGatewayV2HTTPResponse> answers = confirmUntilDone(handler(aws, faults), token);

        // then: the person is asked to retry, and the retry confirms
        assertThat(faults.count()).isEqualTo(1);
        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsExactly(503, 303);
        assertRetryable(answers);
        assertThat(confirmed(aws)).hasSize(1);
        assertThat(mailTo(aws, "ana@example.org")).hasSize(2);
    }

    @Test
    void many_people_signing_up_and_confirming_through_random_throttles_and_500s_are_each_stored_and_mailed_once(
            Aws aws) {
        // given: one transaction in ten cancelled as throttled, one DynamoDB attempt in ten answered
        // 500 after applying, a quarter throttled, one SES send in ten throttled (seeded)
        Faults faults = new Faults(42)
                .on(Call.dynamo("TransactWriteItems"), Faults.When.probability(0.10), Fault.dynamoTransactionThrottled())
                .on(Call.anyDynamo(), Faults.When.probability(0.10), Fault.dynamoInternalErrorAfterApplying())
                .on(Call.anyDynamo(), Faults.When.probability(0.25), Fault.dynamoThroughputExceeded())
                .on(Call.sendEmail(), Faults.When.probability(0.10), Fault.sesTooManyRequests());
        ApiHandler handler = handler(aws, faults);
        List<String> people = IntStream.rangeClosed(1, 4).mapToObj(i -> "person" + i + "@example.org").toList();

        // when: each signs up (retrying until accepted), then follows the link (retrying until done),
        List<APIGatewayV2HTTPResponse> answers = new ArrayList<>();
        for (String email : people) {
            answers.addAll(signUpUntilAccepted(handler, email));
        }
        for (String email : people) {
            answers.addAll(confirmUntilDone(handler, mailTo(aws, email).get(0).token("/api/confirm")));
        }
        // and, once a claim that a failed request could not give back has lapsed, each tries once more
        clock.advance(MailStore.MAIL_CLAIM_LEASE.plusSeconds(1));
        for (String email : people) {
            answers.addAll(signUpUntilAccepted(handler, email));
            answers.addAll(confirmUntilDone(handler, mailTo(aws, email).get(0).token("/api/confirm")));
        }

        // then
        assertThat(faults.count()).isGreaterThan(10);
        assertRetryable(answers);
        assertThat(items(aws, "APPLICATION")).hasSize(people.size());
        assertThat(items(aws, "LOCK")).hasSize(people.size());
        assertThat(confirmed(aws)).hasSize(people.size());
        for (String email : people) {
            assertThat(mailTo(aws, email)).as("mail to %s", email).hasSize(2);
        }
    }

    private ApiHandler handler(Aws aws, Faults faults) {
        return new ApiHandler(faults.clients(aws.endpoint()), clock, aws.config());
    }

    private List<APIGatewayV2HTTPResponse> signUpUntilAccepted(ApiHandler handler, String email) {
        List<APIGatewayV2HTTPResponse> answers = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            APIGatewayV2HTTPResponse answer = handler.handleRequest(Events.post("/api/signup", "application/json",
                    Applicant.valid(email, clock).json()), null);
            answers.add(answer);
            if (answer.getStatusCode() != 503) {
                assertThat(answer.getStatusCode()).isEqualTo(202);
                return answers;
            }
        }
        throw new AssertionError("signup never accepted: " + answers.size() + " attempts");
    }

    private List<APIGatewayV2HTTPResponse> confirmUntilDone(ApiHandler handler, String token) {
        List<APIGatewayV2HTTPResponse> answers = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            APIGatewayV2HTTPResponse answer = handler.handleRequest(Events.get("/api/confirm", token), null);
            answers.add(answer);

            if (answer.getStatusCode() != 503) {
                assertThat(answer.getStatusCode()).isEqualTo(303);
                assertThat(answer.getHeaders()).containsEntry("Location", "/confirmed.html");
                return answers;
            }
        }
        throw new AssertionError("confirmation never done: " + answers.size() + " attempts");
    }

    private String signUpAndReadLink(Aws aws, String email) {
        signUpUntilAccepted(handler(aws, Faults.none()), email);
        return mailTo(aws, email).get(0).token("/api/confirm");
    }

    /**
     * Every failure was a 503 with a Retry-After telling the client to try again: a JSON error for
     * a script, a page for a followed link.
     */
    private static void assertRetryable(List<APIGatewayV2HTTPResponse> answers) {
        for (APIGatewayV2HTTPResponse answer : answers) {
            if (answer.getStatusCode() >= 500) {
                assertThat(answer.getStatusCode()).isEqualTo(503);
                assertThat(answer.getHeaders()).containsKey("Retry-After");
                if (answer.getHeaders().get("Content-Type").startsWith("text/html")) {
                    assertThat(answer.getBody()).contains("try again");
                } else {
                    assertThat(answer.getHeaders().get("Content-Type")).startsWith("application/json");
                    JsonNode body = read(answer.getBody());
                    assertThat(body.path("errors").get(0).path("message").asText()).contains("try again");
                }
            }
        }
    }

    private static void assertOnce(Aws aws, String email) {
        assertThat(items(aws, "APPLICATION")).hasSize(1);
        assertThat(items(aws, "LOCK")).hasSize(1);
        List<SentMail> mail = mailTo(aws, email);
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).link("/api/confirm")).isNotBlank();
    }

    private static List<SentMail> mailTo(Aws aws, String email) {
        return aws.sentMail().stream().filter(m -> m.to().equals(email)).toList();
    }

    private static List<Map<String, AttributeValue>> items(Aws aws, String type) {
        return aws.items().stream().filter(i -> i.containsKey("itemType") && type.equals(i.get("itemType").s()))
                .toList();
    }

    private static List<Map<String, AttributeValue>> confirmed(Aws aws) {
        return items(aws, "APPLICATION").stream().filter(i -> "CONFIRMED".equals(i.get("status").s())).toList();
    }

    private static JsonNode read(String body) {
        try {
            return Json.newMapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
