package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SentMail;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A signup through the Spanish or Arabic form: stored, answered and mailed in that language. */
@ExtendWith(AwsEmulator.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SignupLanguageTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Instant ROUND_OPEN = Instant.parse("2026-01-20T10:00:00Z");

    private SettableClock clock;
    private ApiHandler handler;
    private Aws aws;

    @BeforeEach
    void setUp(Aws aws) {
        this.aws = aws;
        clock = new SettableClock(ROUND_OPEN);
        handler = new ApiHandler(aws.clients(), clock, aws.config());
    }

    private APIGatewayV2HTTPResponse post(String contentType, String body) {
        return handler.handleRequest(Events.post("/api/signup", contentType, body), null);
    }

    private List<Map<String, AttributeValue>> applications() {
        return aws.items().stream()
                .filter(i -> i.containsKey("itemType") && "APPLICATION".equals(i.get("itemType").s())).toList();
    }

    @Test
    void the_spanish_form_is_answered_stored_and_mailed_in_spanish_and_confirmed_on_the_spanish_page() {
        // given the Spanish form, sent without JavaScript
        String body = Applicant.valid("lucia@biblioteca.example.es", clock).set("language", "es").form();

        // when
        APIGatewayV2HTTPResponse response = post(FORM, body);

        // then the answer is the Spanish page, the application says Spanish, and so does the mail
        assertThat(response.getStatusCode()).isEqualTo(303);
        assertThat(response.getHeaders()).containsEntry("Location", "/es/check-your-email.html");
        assertThat(applications()).singleElement().satisfies(app -> assertThat(app.get("language").s()).isEqualTo("es"));
        SentMail mail = aws.sentMail().get(0);
        assertThat(mail.subject()).isEqualTo("Confirme su solicitud a la International Librarians Network");
        assertThat(mail.text()).contains("Hola:", "Gracias por presentar su solicitud a ", "48 horas");
        assertThat(mail.html()).contains("<html lang=\"es\" dir=\"ltr\">", "Confirmar mi solicitud", "<bdi>");
        assertThat(mail.link("/api/confirm")).endsWith("&lang=es");

        // and following the link lands on the Spanish confirmed page
        APIGatewayV2HTTPResponse confirmed = handler.handleRequest(Events.event("GET", "/api/confirm",
                Map.of("token", mail.token("/api/confirm"), "lang", "es"), Map.of(), null, Events.CLIENT_IP), null);
        assertThat(confirmed.getHeaders()).containsEntry("Location", "/es/confirmed.html");
    }

    @Test
    void the_arabic_form_with_a_mistake_gets_a_right_to_left_arabic_error_page_linking_the_arabic_form() {
        // given the Arabic form without a given name
        String body = Applicant.valid("amal@maktaba.example.eg", clock).set("language", "ar").without("givenName").form();

        // when
        APIGatewayV2HTTPResponse response = post(FORM, body);

        // then
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("<html lang=\"ar\" dir=\"rtl\">", "يُرجى تصحيح طلبك",
                "href=\"/ar/signup.html\"", "href=\"/ar/\"");
        assertThat(applications()).isEmpty();
    }

    @Test
    void the_confirmed_mail_is_spanish_and_updating_on_the_personal_page_keeps_the_language() {
        // given a confirmed Spanish application
        post(FORM, Applicant.valid("marta@biblioteca.example.es", clock).set("language", "es").form());
        handler.handleRequest(Events.get("/api/confirm", aws.sentMail().get(0).token("/api/confirm")), null);
        SentMail confirmed = aws.sentMail().get(1);
        assertThat(confirmed.subject()).isEqualTo("Su solicitud está confirmada");

        // when the person updates their answers through the page's form, which has no language field
        String page = confirmed.token("/api/me");
        APIGatewayV2HTTPResponse update = handler.handleRequest(Events.postWithToken("/api/me/update", page, FORM,
                Applicant.valid("ignored@example.org", clock).without("email").without("formStartedAt")
                        .without("website").set("role", "Bibliotecaria de datos").form()), null);

        // then the answers changed and the language did not
        assertThat(update.getStatusCode()).isEqualTo(303);
        assertThat(applications()).singleElement().satisfies(app -> {
            assertThat(app.get("role").s()).isEqualTo("Bibliotecaria de datos");
            assertThat(app.get("language").s()).isEqualTo("es");
        });
    }

    @ParameterizedTest(name = "language \"{0}\"")
    @ValueSource(strings = {"", "xx", "ES", "es-ES", "../es", "<script>", "ar\u202e", "en' OR '1'='1"})
    void an_unknown_or_malformed_language_means_english_and_never_an_error(String language) {
        // given
        String body = Applicant.valid("kim@library.example.org", clock).set("language", language).form();

        // when
        APIGatewayV2HTTPResponse response = post(FORM, body);

        // then
        assertThat(response.getStatusCode()).isEqualTo(303);
        assertThat(response.getHeaders()).containsEntry("Location", "/check-your-email.html");
        assertThat(applications()).singleElement().satisfies(app -> assertThat(app.get("language").s()).isEqualTo("en"));
        assertThat(aws.sentMail().get(0).subject())
                .isEqualTo("Please confirm your application to the International Librarians Network");
    }

    @Test
    void a_language_that_is_not_text_in_json_means_english_and_never_an_error() {
        // given
        String body = Applicant.valid("num@library.example.org", clock).json().replaceFirst("\\{", "{\"language\":[1,2],");

        // when
        APIGatewayV2HTTPResponse response = post("application/json", body);

        // then
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(applications()).singleElement().satisfies(app -> assertThat(app.get("language").s()).isEqualTo("en"));
    }

    @Test
    void a_second_application_from_a_spanish_applicant_is_answered_in_the_language_first_stored() {
        // given a Spanish application
        post(FORM, Applicant.valid("rosa@biblioteca.example.es", clock).set("language", "es").form());

        // when the same address applies again through the English form, the next day
        clock.advance(java.time.Duration.ofDays(1));
        post(FORM, Applicant.valid("rosa@biblioteca.example.es", clock).form());

        // then the "already applied" mail is in Spanish, the stored application's language
        assertThat(aws.sentMail()).hasSize(2);
        assertThat(aws.sentMail().get(1).subject()).isEqualTo("Ya ha presentado su solicitud a la International Librarians Network");
    }
}
