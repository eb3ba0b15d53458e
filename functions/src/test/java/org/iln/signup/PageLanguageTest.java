package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iln.json.Json;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The language of the API's pages, through the real handler against the emulator: a signed-link
 * page follows the stored application's language, a page without one follows the link's
 * {@code lang} or the form's {@code language}, and anything unknown or malformed gets English,
 * never an error.
 */
@ExtendWith(AwsEmulator.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PageLanguageTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private LifecycleFixture participant;

    @BeforeEach
    void setUp(Aws aws) {
        participant = new LifecycleFixture(aws);
    }

    private APIGatewayV2HTTPResponse get(String path, Map<String, String> query) {
        return participant.handler.handleRequest(Events.event("GET", path, query, Map.of(), null, Events.CLIENT_IP), null);
    }

    private APIGatewayV2HTTPResponse post(String path, Map<String, String> query, String body) {
        return participant.handler.handleRequest(Events.event("POST", path, query, Map.of("content-type", FORM), body,
                Events.CLIENT_IP), null);
    }

    @Test
    void a_tampered_page_link_goes_to_the_link_expired_page_of_the_links_language() {
        assertThat(get("/api/me", Map.of("token", "forged", "lang", "es")).getHeaders())
                .containsEntry("Location", "/es/link-expired.html");
        assertThat(get("/api/me/survey", Map.of("token", "forged", "lang", "ar")).getHeaders())
                .containsEntry("Location", "/ar/link-expired.html");
        assertThat(post("/api/me/withdraw", Map.of("token", "forged"), "confirmWithdrawal=yes&language=es").getHeaders())
                .containsEntry("Location", "/es/link-expired.html");
    }

    @ParameterizedTest(name = "lang={0}")
    @ValueSource(strings = {"", "xx", "es-ES-x-<script>", "../ar", "ES ", "e\u0000s", "ar/../../etc"})
    void an_unknown_or_malformed_language_gets_english_never_an_error(String lang) {
        // when
        APIGatewayV2HTTPResponse expired = get("/api/me", Map.of("token", "forged", "lang", lang));
        APIGatewayV2HTTPResponse unsubscribe = get("/api/unsubscribe", Map.of("token", "forged", "lang", lang));
        APIGatewayV2HTTPResponse form = post("/api/me/withdraw", Map.of("token", "forged"),
                "confirmWithdrawal=yes&language=" + java.net.URLEncoder.encode(lang, java.nio.charset.StandardCharsets.UTF_8));

        // then
        for (APIGatewayV2HTTPResponse response : new APIGatewayV2HTTPResponse[] {expired, unsubscribe, form}) {
            assertThat(response.getStatusCode()).isEqualTo(303);
            assertThat(response.getHeaders()).containsEntry("Location", "/link-expired.html");
        }
    }

    /** The message of a JSON refusal's one error. */
    private static String message(APIGatewayV2HTTPResponse response) {
        try {
            return Json.newMapper().readTree(response.getBody()).at("/errors/0/message").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private APIGatewayV2HTTPResponse send(String method, String path, Map<String, String> query, String type,
                                          String body) {
        return participant.handler.handleRequest(Events.event(method, path, query,
                type == null ? Map.of() : Map.of("content-type", type), body, Events.CLIENT_IP), null);
    }

    @ParameterizedTest(name = "lang={0}")
    @ValueSource(strings = {"es", "ar"})
    void the_apis_technical_refusals_are_in_the_links_language(String lang) {
        // given
        CompiledCatalogue words = CompiledCatalogues.bundled().of(lang);
        CompiledCatalogue english = CompiledCatalogues.bundled().defaultCatalogue();
        Map<String, String> query = Map.of("lang", lang);

        // when
        APIGatewayV2HTTPResponse noSuchPath = send("GET", "/api/nowhere", query, null, null);
        APIGatewayV2HTTPResponse wrongMethod = send("DELETE", "/api/signup", query, null, null);
        APIGatewayV2HTTPResponse wrongType = send("POST", "/api/signup", query, "text/plain", "hello");
        APIGatewayV2HTTPResponse tooLarge = send("POST", "/api/unsubscribe", Map.of("token", "t", "lang", lang), FORM,
                "x".repeat(ApiHandler.MAX_BODY_BYTES + 1));
        APIGatewayV2HTTPResponse brokenJson = send("POST", "/api/signup", query, "application/json", "{\"email\": ");
        APIGatewayV2HTTPResponse notAnObject = send("POST", "/api/signup", query, "application/json", "[1]");

        // then: the same statuses and JSON shape, each message the catalogue's in that language
        assertThat(statuses(noSuchPath, wrongMethod, wrongType, tooLarge, brokenJson, notAnObject))
                .containsExactly(404, 405, 415, 413, 400, 400);
        assertThat(message(noSuchPath)).isEqualTo(words.format("page.api.noSuchPath"))
                .isNotEqualTo(english.format("page.api.noSuchPath"));
        assertThat(message(wrongMethod)).isEqualTo(words.format("page.api.notAllowed"));
        assertThat(wrongMethod.getHeaders()).containsKey("Allow");
        assertThat(message(wrongType)).isEqualTo(words.format("page.api.mediaType"));
        assertThat(message(tooLarge)).isEqualTo(words.format("page.tooLarge.message", ApiHandler.MAX_BODY_BYTES / 1024));
        assertThat(message(brokenJson)).matches(withAnyNumbers(words, "error.body.notJsonAt"))
                .doesNotMatch(withAnyNumbers(english, "error.body.notJsonAt"));
        assertThat(message(notAnObject)).isEqualTo(words.format("error.body.notObject"));
    }

    /** The message {@code key} of {@code words} as a pattern its two numbers (a line, a column) may fill, in its digits. */
    private static String withAnyNumbers(CompiledCatalogue words, String key) {
        String text = words.format(key, 111, 222);
        return java.util.regex.Pattern.quote(text).replace(words.number(111), "\\E\\p{Nd}+\\Q")
                .replace(words.number(222), "\\E\\p{Nd}+\\Q");
    }

    private static List<Integer> statuses(APIGatewayV2HTTPResponse... responses) {
        return java.util.Arrays.stream(responses).map(APIGatewayV2HTTPResponse::getStatusCode).toList();
    }

    @Test
    void a_form_with_a_broken_body_gets_the_error_page_in_the_links_language() {
        // when: a form post whose %-escape is broken, from a Spanish page
        APIGatewayV2HTTPResponse response = send("POST", "/api/signup", Map.of("lang", "es"), FORM, "email=%zz");

        // then
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("<html lang=\"es\"",
                CompiledCatalogues.bundled().of("es").format("error.body.brokenEscape"), "/es/signup.html")
                .doesNotContain("broken %-escape");
    }

    @ParameterizedTest(name = "lang={0}")
    @ValueSource(strings = {"", "xx", "es-ES-x-<script>", "../ar", "e\u0000s"})
    void a_refusal_with_an_unknown_or_malformed_language_is_in_english_never_an_error(String lang) {
        // when
        APIGatewayV2HTTPResponse noSuchPath = send("GET", "/api/nowhere", Map.of("lang", lang), null, null);
        APIGatewayV2HTTPResponse broken = send("POST", "/api/signup", Map.of("lang", lang), FORM, "email=%zz");

        // then
        assertThat(noSuchPath.getStatusCode()).isEqualTo(404);
        assertThat(message(noSuchPath)).isEqualTo("There is no such API path.");
        assertThat(broken.getStatusCode()).isEqualTo(400);
        assertThat(broken.getBody()).contains("<html lang=\"en\"", "The form data has a broken %-escape.");
    }

    @Test
    void the_personal_page_is_in_the_stored_applications_language_whatever_the_link_says() {
        // given someone who applied through the Arabic form
        String token = confirmedPageToken("amal@maktaba.example.se", "SE", "ar");

        // when the link names another language
        Map<String, String> query = new HashMap<>(Map.of("token", token, "lang", "es"));
        APIGatewayV2HTTPResponse page = get("/api/me", query);

        // then the page is Arabic, right to left, its forms naming the language
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getBody()).contains("<html lang=\"ar\" dir=\"rtl\">", "صفحتك في",
                "/api/me/update?token=" + token + "&amp;lang=ar");
    }

    @Test
    void a_mistake_on_the_update_form_is_named_in_the_applications_language() {
        // given someone who applied through the Spanish form
        String token = confirmedPageToken("lucia@biblioteca.example.se", "SE", "es");

        // when the update form is sent without a given name
        APIGatewayV2HTTPResponse response = participant.post("/api/me/update", token, "givenName=&country=SE");

        // then the error page is Spanish, the field named by its Spanish label and the message in Spanish
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("<html lang=\"es\" dir=\"ltr\">", "<strong>Nombre</strong>: Escriba su nombre");
    }

    /** Applies through the form in {@code language}, confirms, and returns the page link's token. */
    private String confirmedPageToken(String email, String country, String language) {
        APIGatewayV2HTTPResponse applied = participant.handler.handleRequest(Events.post("/api/signup", FORM,
                Applicant.valid(email, participant.clock).set("country", country).set("excludeCountries")
                        .set("language", language).form()), null);
        assertThat(applied.getStatusCode()).isEqualTo(303);
        participant.get("/api/confirm", participant.lastMail().token("/api/confirm"));
        return participant.lastMail().token("/api/me");
    }
}
