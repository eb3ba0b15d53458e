package org.iln.signup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.iln.mail.Wording;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.programme.Programme.Round;
import org.iln.survey.SurveyAnswer;

/**
 * What the survey page's and the next-round page's templates are given: the questions with
 * their choices, the answer to show (the stored one, or what was just sent), and the errors.
 */
final class SurveyPageModel {

    private SurveyPageModel() {
    }

    /** The survey's address for a page token (base64url and dots: nothing to encode). */
    static String surveyUrl(String token) {
        return "/api/me/survey?token=" + token;
    }

    /** The next-round page's address for a page token. */
    static String nextRoundUrl(String token) {
        return "/api/me/next-round?token=" + token;
    }

    static Map<String, Object> of(SurveyPage.View view, String token, List<FieldError> errors,
                                  Optional<Map<String, String>> sent, String done) {
        Map<String, Object> model = new HashMap<>();
        CompiledCatalogue words = CompiledCatalogues.bundled().of(view.language());
        model.put(Wording.LANGUAGE, words.tag());
        model.put("roundTitle", title(view.round(), view.application().round()));
        model.put("closes", view.closes() == null ? "" : view.closes().toString());
        model.put("refusal", view.refusal().map(r -> r.in(words)).orElse(""));
        model.put("answered", view.answer().isPresent());
        model.put("done", "saved".equals(done) ? "saved" : "");
        model.put("action", surveyUrl(token));
        model.put("pageUrl", PersonalPageModel.pageUrl(token));
        Map<String, String> labels = new HashMap<>();
        SurveyForm.LABELS.keySet().forEach(field -> labels.put(field, words.format("page.survey.q." + field)));
        model.put("labels", labels);
        model.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        Map<String, String> errorOf = new HashMap<>();
        errors.forEach(e -> errorOf.putIfAbsent(e.field(), e.message()));
        model.put("errorOf", errorOf);
        model.put("values", sent.orElseGet(() -> view.answer().map(a -> stored(a.answer())).orElse(Map.of())));
        model.put("metChoices", Arrays.stream(SurveyAnswer.Met.values())
                .map(m -> Map.of("id", m.id(), "label", words.format("page.survey.met." + m.id()))).toList());
        model.put("usefulnessChoices", IntStream.rangeClosed(1, 5).mapToObj(Integer::toString).toList());
        model.put("recommendChoices", Arrays.stream(SurveyAnswer.Recommend.values())
                .map(r -> Map.of("id", r.id(), "label", words.format("page.survey.recommend." + r.id()))).toList());
        model.put("improveMax", SurveyAnswer.IMPROVE_MAX);
        return model;
    }

    static Map<String, Object> nextRound(NextRound.Open open, String token) {
        Map<String, Object> model = new HashMap<>();
        model.put(Wording.LANGUAGE, open.from().profile().language());
        model.put("endedTitle", title(open.ended(), open.ended().id()));
        model.put("nextTitle", title(open.next(), open.next().id()));
        model.put("closes", open.next().closes().toString());
        model.put("matchDate", open.next().matchDate() == null ? "" : open.next().matchDate().toString());
        model.put("action", nextRoundUrl(token));
        model.put("pageUrl", PersonalPageModel.pageUrl(token));
        return model;
    }

    private static Map<String, String> stored(SurveyAnswer answer) {
        return Map.of(SurveyForm.MET, answer.met().id(), SurveyForm.USEFULNESS, Integer.toString(answer.usefulness()),
                SurveyForm.RECOMMEND, answer.recommend().id(), SurveyForm.IMPROVE, answer.improve(),
                SurveyForm.MAY_QUOTE, answer.mayQuote() ? "yes" : "no");
    }

    private static String title(Round round, String fallback) {
        return round == null || round.title() == null || round.title().isBlank() ? fallback : round.title();
    }
}
