package org.iln.signup;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iln.json.Json;
import org.iln.mail.Phrase;
import org.iln.mail.Wording;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.store.Application.Profile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's answers: JSON for a script, a page or a redirect for a browser (which of them, the
 * request's media type and method decide), each with the headers every answer carries.
 */
final class Responses {

    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ObjectMapper json = Json.newMapper();
    private final Pages pages = new Pages();

    /** "Check your email": a redirect to the site's page for the form, 202 for a script. */
    APIGatewayV2HTTPResponse checkYourEmail(ApiRequest request) {
        return checkYourEmail(request, Profile.DEFAULT_LANGUAGE);
    }

    /** The same, the page in {@code language} (the form's): {@code /es/check-your-email.html}. */
    APIGatewayV2HTTPResponse checkYourEmail(ApiRequest request, String language) {
        return request.isForm() ? redirect(Wording.root(language) + "check-your-email.html")
                : json(202, Map.of("status", "check-your-email"), Map.of());
    }

    /** Every bad field named: a page listing them (labelled as on the form), or the JSON list. */
    APIGatewayV2HTTPResponse invalid(ApiRequest request, List<FieldError> errors) {
        return invalid(request, errors, "/signup.html");
    }

    /** The signup form's errors, the page in {@code language} and linking back to that language's form. */
    APIGatewayV2HTTPResponse invalidSignup(ApiRequest request, List<FieldError> errors, String language) {
        return invalid(request, errors, Wording.root(language) + "signup.html", language);
    }

    /** The same, the page linking {@code back} to the form that was sent. */
    APIGatewayV2HTTPResponse invalid(ApiRequest request, List<FieldError> errors, String back) {
        return invalid(request, errors, back, Profile.DEFAULT_LANGUAGE);
    }

    /** The same, the page in {@code language}, naming the fields as that language's forms do. */
    APIGatewayV2HTTPResponse invalid(ApiRequest request, List<FieldError> errors, String back, String language) {
        return invalid(request, errors, back, labels(CompiledCatalogues.bundled().of(language)), language);
    }

    /** The volunteer form's errors, the page in {@code language}, naming the fields as its form does. */
    APIGatewayV2HTTPResponse invalidVolunteer(ApiRequest request, List<FieldError> errors, String back,
                                              String language) {
        CompiledCatalogue words = CompiledCatalogues.bundled().of(language);
        Map<String, String> labels = new HashMap<>(VolunteerField.LABELS);
        labels.replaceAll((field, english) -> words.has("volunteer." + field) ? words.format("volunteer." + field)
                : words.has("signup." + field) ? words.format("signup." + field) : english);
        labels.put("body", words.format("page.errors.form"));
        return invalid(request, errors, back, labels, language);
    }

    private APIGatewayV2HTTPResponse invalid(ApiRequest request, List<FieldError> errors, String back,
                                             Map<String, String> labels, String language) {
        // A page for a posted form, and for a link followed (the next-round page's answers no longer fitting).
        if (request.wantsPage()) {
            List<Map<String, String>> list = errors.stream()
                    .map(e -> Map.of("field", e.field(), "message", e.message())).toList();
            return page(400, "errors", Map.of("errors", list, "labels", labels, "back", back,
                    Wording.LANGUAGE, CompiledCatalogues.bundled().of(language).tag()));
        }
        return json(400, Map.of("errors", errors), Map.of());
    }

    /**
     * What the error page calls each field, in the page's language: the signup form's own label
     * ({@code signup.<field>} in the catalogue) where it has a plain one, else the English label.
     */
    static Map<String, String> labels(CompiledCatalogue words) {
        Map<String, String> labels = new HashMap<>(PersonalPageModel.LABELS);
        labels.replaceAll((field, english) -> words.has("signup." + field) ? words.format("signup." + field) : english);
        labels.put("consentPrivacy", words.format("signup.consent"));
        labels.put("consentShare", words.format("signup.consent"));
        labels.put("body", words.format("page.errors.form"));
        labels.put("round", words.format("page.errors.round"));
        labels.put(PersonalPageModel.CONFIRM_WITHDRAWAL, words.format("page.field.confirmWithdrawal"));
        labels.put(PersonalPageModel.ANSWER, words.format("page.field.answer"));
        labels.put("application", words.format("page.field.application"));
        return labels;
    }

    /** A move on the personal page done: back to the page (303) for a browser, 200 for a script. */
    APIGatewayV2HTTPResponse done(ApiRequest request, String page, String status) {
        return request.isForm() ? redirect(page) : json(200, Map.of("status", status), Map.of());
    }

    /**
     * A personal page link that is forged, altered, expired or whose application is gone: the
     * site's page for dead links, which names no one and has a form to ask for a fresh link.
     */
    APIGatewayV2HTTPResponse pageLinkExpired() {
        return redirect("/link-expired.html");
    }

    /** The same, the site's page in the request's language (its link's {@code lang} or its form's). */
    APIGatewayV2HTTPResponse pageLinkExpired(ApiRequest request) {
        return redirect(Wording.root(request.language()) + "link-expired.html");
    }

    /** Applications are closed: 409 with the message, and the next round's opening day for a script. */
    APIGatewayV2HTTPResponse closed(ApiRequest request, Phrase phrase, Signup.Closed closed, String language) {
        String message = phrase.in(language);
        if (request.isForm()) {
            return page(409, "closed", Map.of("message", message, Wording.LANGUAGE, language));
        }
        Map<String, Object> body = new LinkedHashMap<>(errors("round", message));
        closed.nextOpens().ifPresent(day -> body.put("nextRoundOpens", day.toString()));
        return json(409, body, Map.of());
    }

    /**
     * A refusal the client can show: a page for a browser (a form it posted, a link it followed),
     * JSON for a script. Nothing here may fail in turn: should the page not render, JSON it is.
     * The request is null if it could not even be read.
     */
    APIGatewayV2HTTPResponse refuse(ApiRequest request, int status, String field, String title, String message,
                                    Map<String, String> extraHeaders) {
        if (request != null && request.wantsPage()) {
            try {
                return page(status, "message", Map.of("title", title, "message", message), extraHeaders);
            } catch (RuntimeException pageFailed) {
                LOG.atError().addKeyValue("error", pageFailed.getClass().getName()).log("error page failed");
            }
        }
        return json(status, errors(field, message), extraHeaders);
    }

    /**
     * The same, worded in the request's language (its link's {@code lang} or its form's, English
     * if it has none or could not be read).
     */
    APIGatewayV2HTTPResponse refuse(ApiRequest request, int status, String field, Phrase title, Phrase message,
                                    Map<String, String> extraHeaders) {
        String language = request == null ? Profile.DEFAULT_LANGUAGE : request.language();
        return refuse(request, language, status, field, title, message, extraHeaders);
    }

    /** The same, worded in {@code language} (a stored application's). */
    APIGatewayV2HTTPResponse refuse(ApiRequest request, String language, int status, String field, Phrase title,
                                    Phrase message, Map<String, String> extraHeaders) {
        CompiledCatalogue words = CompiledCatalogues.bundled().of(language);
        String text = message.in(words);
        if (request != null && request.wantsPage()) {
            try {
                return page(status, "message", Map.of("title", title.in(words), "message", text,
                        Wording.LANGUAGE, words.tag()), extraHeaders);
            } catch (RuntimeException pageFailed) {
                LOG.atError().addKeyValue("error", pageFailed.getClass().getName()).log("error page failed");
            }
        }
        return json(status, errors(field, text), extraHeaders);
    }

    /**
     * One error in the JSON shape every error takes, worded in {@code language} (the request's:
     * its link's {@code lang} or its form's; English for anything unknown or malformed).
     */
    APIGatewayV2HTTPResponse error(String language, int status, String field, Phrase message) {
        return json(status, errors(field, message.in(language)), Map.of());
    }

    /** 405 naming the methods the path takes, worded in the request's language. */
    APIGatewayV2HTTPResponse notAllowed(ApiRequest request, String allow) {
        return json(405, errors("request", Phrase.of("page.api.notAllowed").in(request.language())),
                Map.of("Allow", allow));
    }

    APIGatewayV2HTTPResponse page(int status, String template, Map<String, ?> model) {
        return page(status, template, model, Map.of());
    }

    private APIGatewayV2HTTPResponse page(int status, String template, Map<String, ?> model,
                                          Map<String, String> extraHeaders) {
        String body = pages.render(template, model);
        Map<String, String> headers = baseHeaders();
        headers.putAll(extraHeaders);
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    APIGatewayV2HTTPResponse redirect(String location) {
        Map<String, String> headers = baseHeaders();
        headers.put("Location", location);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(303).withHeaders(headers).withBody("").build();
    }

    private APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> extraHeaders) {
        Map<String, String> headers = baseHeaders();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.putAll(extraHeaders);
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                    .withBody(json.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response", e);
        }
    }

    private static Map<String, Object> errors(String field, String message) {
        return Map.of("errors", List.of(new FieldError(field, message)));
    }

    private static Map<String, String> baseHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        // Links carry tokens in the query string: never leak them to another site.
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }
}
