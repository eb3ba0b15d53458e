package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SentMail;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(AwsEmulator.class)
class SignupTest {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    static final Instant ROUND_OPEN = Instant.parse("2026-01-20T10:00:00Z");

    final ObjectMapper mapper = new ObjectMapper();
    SettableClock clock;
    ApiHandler handler;
    Aws aws;

    @BeforeEach
    void setUp(Aws aws) {
        this.aws = aws;
        clock = new SettableClock(ROUND_OPEN);
        handler = new ApiHandler(aws.clients(), clock, aws.config());
    }

    APIGatewayV2HTTPResponse signup(String contentType, String body) {
        return handler.handleRequest(Events.post("/api/signup", contentType, body), null);
    }

    List<Map<String, AttributeValue>> applications() {
        return aws.items().stream().filter(i -> i.containsKey("itemType") && "APPLICATION".equals(i.get("itemType").s())).toList();
    }

    JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return mapper.readTree(response.getBody());
    }

    @Nested
    class A_valid_signup {

        @Test
        void stores_one_unconfirmed_application_and_mails_a_confirmation_link() throws Exception {
            // given
            String body = Applicant.valid("ngozi@library.example.ng", clock).json();

            // when
            APIGatewayV2HTTPResponse response = signup(JSON, body);

            // then
            assertThat(response.getStatusCode()).isEqualTo(202);
            assertThat(json(response).get("status").asText()).isEqualTo("check-your-email");
            assertThat(applications()).singleElement().satisfies(app -> {
                assertThat(app.get("status").s()).isEqualTo("UNCONFIRMED");
                assertThat(app.get("round").s()).isEqualTo("2026-1");
                assertThat(app.get("pk").s()).isEqualTo("ROUND#2026-1");
                assertThat(Long.parseLong(app.get("expiresAt").n()))
                        .isEqualTo(ROUND_OPEN.plusSeconds(48 * 3600).getEpochSecond());
                assertThat(app.get("languages").l()).extracting(AttributeValue::s).containsExactly("en", "fr");
                assertThat(app.get("maxPartners").n()).isEqualTo("2");
            });
            assertThat(aws.items()).anySatisfy(lock -> {
                assertThat(lock.get("pk").s()).startsWith("EMAIL#");
                assertThat(lock.get("sk").s()).isEqualTo("ROUND#2026-1");
            });
            assertThat(aws.sentMail()).singleElement().satisfies(mail -> {
                assertThat(mail.to()).isEqualTo("ngozi@library.example.ng");
                assertThat(mail.subject()).contains("confirm");
                assertThat(mail.link("/api/confirm")).startsWith("https://iln.example.org/api/confirm?token=");
                // nothing the form's sender typed reaches an address nobody has confirmed
                assertThat(mail.text()).doesNotContain("Ngozi");
                assertThat(mail.html()).doesNotContain("Ngozi");
                assertThat(mail.listUnsubscribe()).isEmpty();
            });
        }

        @Test
        void sent_as_a_form_is_redirected_to_the_check_your_email_page() {
            // given
            String body = Applicant.valid("ana@biblioteca.example.es", clock).form();

            // when
            APIGatewayV2HTTPResponse response = signup(FORM + "; charset=UTF-8", body);

            // then
            assertThat(response.getStatusCode()).isEqualTo(303);
            assertThat(response.getHeaders()).containsEntry("Location", "/check-your-email.html");
            assertThat(applications()).hasSize(1);
        }

        @Test
        void a_base64_encoded_form_body_as_the_http_api_delivers_it_is_accepted() {
            // given: HTTP APIs base64-encode form bodies
            String form = Applicant.valid("b64@example.org", clock).form();
            var event = Events.post("/api/signup", FORM, java.util.Base64.getEncoder()
                    .encodeToString(form.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            event.setIsBase64Encoded(true);

            // when
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

            // then
            assertThat(response.getStatusCode()).isEqualTo(303);
            assertThat(applications()).hasSize(1);
        }

        @Test
        void never_puts_the_address_in_a_key() {
            // when
            signup(JSON, Applicant.valid("Secret.Person@Example.org", clock).json());

            // then
            assertThat(aws.items()).isNotEmpty().allSatisfy(item -> {
                assertThat(item.get("pk").s().toLowerCase()).doesNotContain("secret.person", "example.org");
                assertThat(item.get("sk").s().toLowerCase()).doesNotContain("secret.person", "example.org");
            });
        }

        @Test
        void is_normalised_to_nfc_and_trimmed() {
            // given: "Zoë" with a combining diaeresis, surrounded by spaces
            String decomposed = "  Zoe\u0308  ";

            // when
            signup(JSON, Applicant.valid("zoe@example.org", clock).set("givenName", decomposed).json());

            // then
            assertThat(applications()).singleElement()
                    .satisfies(app -> assertThat(app.get("givenName").s()).isEqualTo("Zo\u00eb"));
        }
    }

    @Nested
    class A_known_address {

        @Test
        void gets_the_same_answer_as_a_new_one_and_an_already_applied_email() throws Exception {
            // given
            APIGatewayV2HTTPResponse first = signup(JSON, Applicant.valid("kim@example.org", clock).json());
            clock.advance(java.time.Duration.ofDays(1));

            // when: the same person applies again the next day, with different answers and case
            APIGatewayV2HTTPResponse second = signup(JSON, Applicant.valid("KIM@example.org", clock)
                    .set("sector", "public").json());

            // then
            assertThat(second.getStatusCode()).isEqualTo(first.getStatusCode());
            assertThat(second.getBody()).isEqualTo(first.getBody());
            assertThat(applications()).singleElement()
                    .satisfies(app -> assertThat(app.get("sector").s()).isEqualTo("academic"));
            List<SentMail> mail = aws.sentMail();
            assertThat(mail).hasSize(2);
            assertThat(mail.get(1).subject()).contains("already applied");
            // still unconfirmed: the reminder carries a fresh confirmation link
            assertThat(mail.get(1).link("/api/confirm")).isNotBlank();
        }

        @Test
        void gets_at_most_one_message_a_day() {
            // given
            signup(JSON, Applicant.valid("kim@example.org", clock).json());

            // when
            for (int i = 0; i < 3; i++) {
                signup(JSON, Applicant.valid("kim@example.org", clock).json());
            }

            // then
            assertThat(aws.sentMail()).hasSize(1);
            assertThat(applications()).hasSize(1);
        }

        @Test
        void when_mail_cannot_be_sent_the_answer_is_503_and_a_retry_sends_the_link() throws Exception {
            // given: SES refuses to send (the sender is not verified)
            aws.ses().deleteEmailIdentity(b -> b.emailIdentity("iln.example.org"));
            String body = Applicant.valid("retry@example.org", clock).json();

            // when
            APIGatewayV2HTTPResponse failed = signup(JSON, body);
            aws.ses().createEmailIdentity(b -> b.emailIdentity("iln.example.org"));
            APIGatewayV2HTTPResponse retried = signup(JSON, body);

            // then
            assertThat(failed.getStatusCode()).isEqualTo(503);
            assertThat(failed.getHeaders()).containsKey("Retry-After");
            assertThat(json(failed).get("errors").get(0).get("message").asText()).contains("try again");
            assertThat(retried.getStatusCode()).isEqualTo(202);
            assertThat(applications()).hasSize(1);
            assertThat(aws.sentMail()).singleElement()
                    .satisfies(mail -> assertThat(mail.link("/api/confirm")).isNotBlank());
        }

        @Test
        void when_mail_cannot_be_sent_the_sites_form_gets_a_page_asking_to_try_again() {
            // given: SES refuses to send (the sender is not verified)
            aws.ses().deleteEmailIdentity(b -> b.emailIdentity("iln.example.org"));

            // when the browser posts the site's form
            APIGatewayV2HTTPResponse failed = signup(FORM, Applicant.valid("page@example.org", clock).form());

            // then a page a person can read, not JSON
            assertThat(failed.getStatusCode()).isEqualTo(503);
            assertThat(failed.getHeaders()).containsKey("Retry-After")
                    .hasEntrySatisfying("Content-Type", type -> assertThat(type).startsWith("text/html"));
            assertThat(failed.getBody()).contains("Nothing was lost; please try again in a few minutes.");
        }

        @RepeatedTest(3)
        void twenty_identical_submissions_in_parallel_store_one_application_and_send_one_email() throws Exception {
            // given
            String body = Applicant.valid("parallel@example.org", clock).json();
            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<Callable<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> signup(JSON, body));
            }

            // when
            List<Integer> statuses = new ArrayList<>();
            try {
                for (Future<APIGatewayV2HTTPResponse> f : pool.invokeAll(calls)) {
                    statuses.add(f.get().getStatusCode());
                }
            } finally {
                pool.shutdown();
            }

            // then
            assertThat(statuses).hasSize(20).containsOnly(202);
            assertThat(applications()).hasSize(1);
            assertThat(aws.sentMail()).hasSize(1);
        }
    }

    @Nested
    class An_invalid_signup {

        @Test
        void names_every_bad_field_at_once_and_stores_nothing() throws Exception {
            // given
            String body = Applicant.valid("not-an-address", clock)
                    .set("country", "XX")
                    .set("timezone", "Mars/Olympus_Mons")
                    .set("languages", "english")
                    .set("sector", "bookshop")
                    .set("careerStage", "ancient")
                    .set("interests", "a", "b", "c", "d", "e", "f")
                    .set("preferSector", "similar")
                    .set("preferCareerStage", "older")
                    .set("preferRegions", "Atlantis")
                    .set("excludeCountries", "ZZ")
                    .set("openToAny", "maybe")
                    .set("maxPartners", "3")
                    .set("heardFrom", "rumour")
                    .without("consentPrivacy")
                    .set("consentShare", "false")
                    .set("givenName", "x".repeat(101))
                    .set("role", "r".repeat(101))
                    .json();

            // when
            APIGatewayV2HTTPResponse response = signup(JSON, body);

            // then
            assertThat(response.getStatusCode()).isEqualTo(400);
            List<String> fields = new ArrayList<>();
            json(response).get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertThat(fields).containsExactlyInAnyOrder("email", "country", "timezone", "languages", "sector",
                    "careerStage", "interests", "preferSector", "preferCareerStage", "preferRegions",
                    "excludeCountries", "openToAny", "maxPartners", "heardFrom", "consentPrivacy", "consentShare",
                    "givenName", "role");
            assertThat(aws.itemsExceptRateCounters()).isEmpty();
            assertThat(aws.sentMail()).isEmpty();
        }

        @ParameterizedTest(name = "{0}: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                givenName   | ''                         | a missing given name
                email       | ''                         | a missing address
                email       | a@b                        | an address without a domain
                email       | two@@example.org           | two at signs
                email       | <script>@example.org       | markup in an address
                languages   | ''                         | no language
                interests   | ''                         | no interest
                consentShare| ''                         | no consent to share
                timezone    | Europe/Nowhere             | an unknown time zone
                """)
        void is_refused_with_the_field_named(String field, String value, String why) throws Exception {
            // given
            Applicant applicant = Applicant.valid("ok@example.org", clock);
            if (value.isEmpty()) {
                applicant.without(field);
            } else {
                applicant.set(field, value);
            }

            // when
            APIGatewayV2HTTPResponse response = signup(JSON, applicant.json());

            // then
            assertThat(response.getStatusCode()).as(why).isEqualTo(400);
            assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo(field);
            assertThat(applications()).isEmpty();
        }

        @Test
        void an_address_over_254_characters_is_refused() throws Exception {
            // given
            String email = "a".repeat(60) + "@" + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + "." + "e".repeat(10) + ".org";

            // when
            APIGatewayV2HTTPResponse response = signup(JSON, Applicant.valid(email, clock).json());

            // then
            assertThat(email).hasSizeGreaterThan(254);
            assertThat(json(response).get("errors").get(0).get("message").asText()).contains("254");
        }

        @Test
        void control_characters_are_refused_anywhere() throws Exception {
            // when
            APIGatewayV2HTTPResponse response = signup(JSON, Applicant.valid("cc@example.org", clock)
                    .set("familyName", "Smith\r\nBcc: victim@example.org").json());

            // then
            assertThat(response.getStatusCode()).isEqualTo(400);
            JsonNode error = json(response).get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("familyName");
            assertThat(error.get("message").asText()).contains("control characters").doesNotContain("victim");
        }

        @Test
        void a_form_post_without_javascript_gets_a_readable_html_page_listing_the_problems() {
            // given
            String body = Applicant.valid("form@example.org", clock)
                    .set("givenName", "")
                    .set("country", "XX")
                    .set("<script>alert(1)</script>", "x")
                    .form();

            // when
            APIGatewayV2HTTPResponse response = signup(FORM, body);

            // then
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getHeaders().get("Content-Type")).startsWith("text/html");
            assertThat(response.getBody())
                    .contains("Given name", "Country", "Enter your given name")
                    .contains("&lt;script&gt;")
                    .doesNotContain("<script>");
        }

        @Test
        void a_repeated_single_field_is_refused() throws Exception {
            // when
            APIGatewayV2HTTPResponse response = signup(FORM, Applicant.valid("r@example.org", clock).form()
                    + "&country=GB");

            // then
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getBody()).contains("must be given once");
        }
    }

    @Nested
    class A_bot {

        @Test
        void filling_the_honeypot_gets_202_and_nothing_is_stored() {
            // when
            APIGatewayV2HTTPResponse response = signup(JSON, Applicant.valid("bot@example.org", clock)
                    .set("website", "http://spam.example").json());

            // then
            assertThat(response.getStatusCode()).isEqualTo(202);
            assertThat(aws.itemsExceptRateCounters()).isEmpty();
            assertThat(aws.sentMail()).isEmpty();
        }

        @Test
        void submitting_faster_than_a_human_gets_202_and_nothing_is_stored() {
            // when
            APIGatewayV2HTTPResponse response = signup(FORM, Applicant.valid("fast@example.org", clock)
                    .set("formStartedAt", Long.toString(clock.millis() - 1_200)).form());

            // then
            assertThat(response.getStatusCode()).isEqualTo(303);
            assertThat(aws.itemsExceptRateCounters()).isEmpty();
            assertThat(aws.sentMail()).isEmpty();
        }
    }

    @Nested
    class The_http_contract {

        @Test
        void a_body_over_16_kib_gets_413() {
            // when
            APIGatewayV2HTTPResponse response = signup(JSON, Applicant.valid("big@example.org", clock)
                    .set("role", "x".repeat(17_000)).json());

            // then
            assertThat(response.getStatusCode()).isEqualTo(413);
            assertThat(aws.itemsExceptRateCounters()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({"text/plain", "multipart/form-data; boundary=x", "application/xml"})
        void other_media_types_get_415(String type) {
            assertThat(signup(type, "{}").getStatusCode()).isEqualTo(415);
        }

        @Test
        void a_missing_media_type_gets_415() {
            assertThat(signup(null, "{}").getStatusCode()).isEqualTo(415);
        }

        @ParameterizedTest
        @CsvSource({"GET", "PUT", "DELETE", "PATCH"})
        void other_methods_get_405_with_allow(String method) {
            // when
            APIGatewayV2HTTPResponse response = handler.handleRequest(
                    Events.event(method, "/api/signup", Map.of(), Map.of(), null, Events.CLIENT_IP), null);

            // then
            assertThat(response.getStatusCode()).isEqualTo(405);
            assertThat(response.getHeaders()).containsEntry("Allow", "POST");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                {"givenName": "Ana",
                [1,2,3]
                "just a string"
                {"a":1}{"b":2}
                {"email":"a@example.org","email":"b@example.org"}
                """)
        void malformed_json_gets_400_with_a_message(String body) throws Exception {
            // when
            APIGatewayV2HTTPResponse response = signup(JSON, body);

            // then
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("body");
        }

        @Test
        void broken_form_encoding_gets_400_with_a_message() {
            // when
            APIGatewayV2HTTPResponse response = signup(FORM, "givenName=%E2%28%A1&email=%zz");

            // then
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getBody()).contains("Form");
        }

        @Test
        void a_form_too_large_or_sent_too_often_gets_a_page_saying_what_to_do() {
            // given
            handler = new ApiHandler(aws.clients(), clock, aws.config(1));
            String tooLarge = Applicant.valid("large@example.org", clock).set("role", "x".repeat(17_000)).form();

            // when
            APIGatewayV2HTTPResponse large = signup(FORM, tooLarge);
            signup(FORM, Applicant.valid("once@example.org", clock).form());
            APIGatewayV2HTTPResponse limited = signup(FORM, Applicant.valid("twice@example.org", clock).form());

            // then
            assertThat(large.getStatusCode()).isEqualTo(413);
            assertThat(large.getHeaders()).hasEntrySatisfying("Content-Type", t -> assertThat(t).startsWith("text/html"));
            assertThat(large.getBody()).contains("shorten the longest answers");
            assertThat(limited.getStatusCode()).isEqualTo(429);
            assertThat(limited.getHeaders()).containsKey("Retry-After")
                    .hasEntrySatisfying("Content-Type", t -> assertThat(t).startsWith("text/html"));
            assertThat(limited.getBody()).contains("Please try again in 10 minutes.");
        }

        @Test
        void too_many_requests_from_one_client_get_429_while_others_still_get_through() {
            // given
            handler = new ApiHandler(aws.clients(), clock, aws.config(3));
            for (int i = 0; i < 3; i++) {
                assertThat(signup(JSON, Applicant.valid("rate" + i + "@example.org", clock).json()).getStatusCode())
                        .isEqualTo(202);
            }

            // when
            APIGatewayV2HTTPResponse limited = signup(JSON, Applicant.valid("rate9@example.org", clock).json());
            APIGatewayV2HTTPResponse other = handler.handleRequest(Events.post("/api/signup", JSON,
                    Applicant.valid("other@example.org", clock).json(), "198.51.100.4"), null);

            // then
            assertThat(limited.getStatusCode()).isEqualTo(429);
            assertThat(limited.getHeaders()).containsKey("Retry-After");
            assertThat(other.getStatusCode()).isEqualTo(202);
            // the counter is a short-lived item, keyed by a hash of the address
            assertThat(aws.items()).filteredOn(i -> i.get("pk").s().startsWith("RATE#"))
                    .allSatisfy(i -> {
                        assertThat(i.get("pk").s()).doesNotContain("203.0.113.7");
                        assertThat(i).containsKey("expiresAt");
                    });
        }

        @Test
        void behind_cloudfront_the_limit_applies_to_the_viewer_not_the_edge_server() {
            // given: two visitors arriving through the same CloudFront edge address
            handler = new ApiHandler(aws.clients(), clock, aws.config(1));
            java.util.function.BiFunction<String, String, APIGatewayV2HTTPResponse> via = (viewer, email) ->
                    handler.handleRequest(Events.event("POST", "/api/signup", Map.of(),
                            Map.of("content-type", JSON, "cloudfront-viewer-address", viewer),
                            Applicant.valid(email, clock).json(), "130.176.0.1"), null);

            // when
            int first = via.apply("198.51.100.1:50123", "v1@example.org").getStatusCode();
            int second = via.apply("2001:db8::7:443", "v2@example.org").getStatusCode();
            int again = via.apply("198.51.100.1:50999", "v3@example.org").getStatusCode();

            // then
            assertThat(first).isEqualTo(202);
            assertThat(second).isEqualTo(202);
            assertThat(again).isEqualTo(429);
        }

        @Test
        void outside_a_round_gets_409_naming_the_next_opening_date() throws Exception {
            // given: round 1 closed on 9 February; round 2 opens on 13 July
            clock.set(Instant.parse("2026-03-01T12:00:00Z"));

            // when
            APIGatewayV2HTTPResponse response = signup(JSON, Applicant.valid("late@example.org", clock).json());
            APIGatewayV2HTTPResponse form = signup(FORM, Applicant.valid("late@example.org", clock).form());

            // then
            assertThat(response.getStatusCode()).isEqualTo(409);
            assertThat(json(response).get("nextRoundOpens").asText()).isEqualTo("2026-07-13");
            assertThat(json(response).get("errors").get(0).get("message").asText()).contains("13 July 2026");
            assertThat(form.getStatusCode()).isEqualTo(409);
            assertThat(form.getBody()).contains("13 July 2026");
            assertThat(aws.itemsExceptRateCounters()).isEmpty();
        }

        @Test
        void an_unknown_api_path_gets_404() {
            assertThat(handler.handleRequest(Events.get("/api/nothing", null), null).getStatusCode()).isEqualTo(404);
        }
    }
}
