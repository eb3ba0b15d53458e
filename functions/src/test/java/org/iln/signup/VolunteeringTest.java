package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SentMail;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(AwsEmulator.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VolunteeringTest {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";
    static final String VALID = "name=Amina+Diallo&email=amina%40example.org&country=KE&languages=en&languages=fr"
            + "&why=I+run+our+association%27s+newsletter.%0D%0AAnd+I+like+people.&hours=4&consent=on&language=es";

    Aws aws;
    SettableClock clock = new SettableClock(Instant.parse("2026-03-10T09:00:00Z"));
    ApiHandler handler;

    @BeforeEach
    void setUp(Aws aws) {
        this.aws = aws;
        handler = new ApiHandler(aws.clients(), clock, aws.config());
    }

    APIGatewayV2HTTPResponse post(String contentType, String body) {
        return handler.handleRequest(Events.post("/api/volunteer", contentType, body), null);
    }

    List<Map<String, AttributeValue>> items(String type) {
        return aws.items().stream().filter(i -> i.containsKey("itemType") && type.equals(i.get("itemType").s())).toList();
    }

    @Nested
    class A_valid_offer {

        @Test
        void is_stored_unconfirmed_answered_303_in_the_forms_language_and_mailed_a_link_naming_no_one() {
            // when
            APIGatewayV2HTTPResponse response = post(FORM, VALID);

            // then
            assertThat(response.getStatusCode()).isEqualTo(303);
            assertThat(response.getHeaders().get("Location")).isEqualTo("/es/volunteer-sent.html");
            assertThat(items("VOLUNTEER")).singleElement().satisfies(item -> {
                assertThat(item.get("status").s()).isEqualTo("UNCONFIRMED");
                assertThat(item.get("why").s()).isEqualTo("I run our association's newsletter.\nAnd I like people.");
                assertThat(item.get("language").s()).isEqualTo("es");
            });
            assertThat(items("VOLUNTEER_LISTED")).isEmpty();
            SentMail mail = aws.sentMail().get(0);
            assertThat(mail.to()).contains("amina@example.org");
            // in the form's language, its link opening the Spanish pages
            assertThat(mail.subject()).contains("Confirme su ofrecimiento");
            assertThat(mail.text()).contains("Gracias por ofrecerse");
            assertThat(mail.link("volunteer/confirm")).endsWith("&lang=es");
            assertThat(mail.text() + mail.html()).doesNotContain("Amina", "newsletter");
        }

        @Test
        void once_confirmed_is_listed_for_the_programme_team_and_mailed_to_them_once() {
            // given
            post(FORM, VALID);
            String token = aws.sentMail().get(0).token("volunteer/confirm");

            // when: the link is followed twice
            APIGatewayV2HTTPResponse first = handler.handleRequest(Events.get("/api/volunteer/confirm", token), null);
            APIGatewayV2HTTPResponse again = handler.handleRequest(Events.get("/api/volunteer/confirm", token), null);

            // then
            assertThat(first.getStatusCode()).isEqualTo(303);
            assertThat(first.getHeaders().get("Location")).isEqualTo("/volunteer-confirmed.html");
            assertThat(again.getHeaders().get("Location")).isEqualTo("/volunteer-confirmed.html");
            assertThat(handler.volunteering().confirmedOffers()).singleElement().satisfies(listed -> {
                assertThat(listed.offer().name()).isEqualTo("Amina Diallo");
                assertThat(listed.offer().country()).isEqualTo("KE");
                assertThat(listed.offer().languages()).containsExactly("en", "fr");
                assertThat(listed.offer().hours()).isEqualTo(4);
            });
            List<SentMail> toTeam = aws.sentMail().stream().filter(m -> m.to().contains("team@iln.example.org")).toList();
            assertThat(toTeam).singleElement().satisfies(m -> assertThat(m.text())
                    .contains("Amina Diallo", "amina@example.org", "Kenya (KE)", "English, French", "Hours a month: 4",
                            "And I like people."));
        }

        @Test
        void the_mailed_link_lands_on_the_thank_you_page_of_the_forms_language() {
            // given
            post(FORM, VALID);
            String token = aws.sentMail().get(0).token("volunteer/confirm");

            // when: followed as mailed, with its lang
            APIGatewayV2HTTPResponse followed = handler.handleRequest(Events.event("GET", "/api/volunteer/confirm",
                    Map.of("token", token, "lang", "es"), Map.of(), null, Events.CLIENT_IP), null);

            // then
            assertThat(followed.getHeaders().get("Location")).isEqualTo("/es/volunteer-confirmed.html");
        }

        @Test
        void sent_again_the_same_day_stores_and_mails_nothing_more() {
            // when
            post(FORM, VALID);
            APIGatewayV2HTTPResponse again = post(FORM, VALID);

            // then
            assertThat(again.getStatusCode()).isEqualTo(303);
            assertThat(items("VOLUNTEER")).hasSize(1);
            assertThat(aws.sentMail()).hasSize(1);
        }

        @Test
        void a_tampered_or_expired_link_confirms_nothing() {
            // given
            post(FORM, VALID);
            String token = aws.sentMail().get(0).token("volunteer/confirm");

            // when
            APIGatewayV2HTTPResponse tampered = handler.handleRequest(
                    Events.get("/api/volunteer/confirm", token.substring(0, token.length() - 2) + "xx"), null);
            clock.advance(Duration.ofHours(49));
            APIGatewayV2HTTPResponse expired = handler.handleRequest(Events.get("/api/volunteer/confirm", token), null);

            // then
            assertThat(tampered.getHeaders().get("Location")).isEqualTo("/link-expired.html");
            assertThat(expired.getHeaders().get("Location")).isEqualTo("/link-expired.html");
            assertThat(handler.volunteering().confirmedOffers()).isEmpty();
        }
    }

    @Nested
    class An_invalid_offer {

        @Test
        void names_every_bad_field_at_once_and_stores_nothing() throws Exception {
            // when
            APIGatewayV2HTTPResponse response = post(JSON, "{\"name\":\"\",\"email\":\"not-an-address\","
                    + "\"country\":\"XX\",\"languages\":[],\"why\":\"" + "x".repeat(2_001) + "\",\"hours\":\"99\"}");

            // then
            assertThat(response.getStatusCode()).isEqualTo(400);
            JsonNode errors = new ObjectMapper().readTree(response.getBody()).get("errors");
            assertThat(errors.findValuesAsText("field"))
                    .containsExactly("name", "email", "country", "languages", "why", "hours", "consent");
            assertThat(response.getBody()).doesNotContain("not-an-address");
            assertThat(items("VOLUNTEER")).isEmpty();
            assertThat(aws.sentMail()).isEmpty();
        }

        @Test
        void sent_from_the_form_gets_a_page_naming_the_fields_by_their_labels() {
            // when
            APIGatewayV2HTTPResponse response = post(FORM, "name=Amina&email=amina%40example.org&country=KE"
                    + "&languages=en&why=&hours=four&language=ar");

            // then
            assertThat(response.getStatusCode()).isEqualTo(400);
            // the Arabic form's labels, as its page shows them
            assertThat(response.getBody()).contains("لماذا تود التطوع", "عدد الساعات التي يمكنك تقديمها شهريًا", "الموافقة",
                    "href=\"/ar/volunteer.html\"");
            assertThat(items("VOLUNTEER")).isEmpty();
        }

        @Test
        void with_the_honeypot_filled_is_answered_as_taken_and_dropped() {
            // when
            APIGatewayV2HTTPResponse response = post(FORM, VALID + "&website=spam");

            // then
            assertThat(response.getStatusCode()).isEqualTo(303);
            assertThat(items("VOLUNTEER")).isEmpty();
            assertThat(aws.sentMail()).isEmpty();
        }
    }
}
