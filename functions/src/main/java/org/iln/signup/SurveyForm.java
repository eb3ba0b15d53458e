package org.iln.signup;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.survey.SurveyAnswer;

/**
 * Checks a submitted end-of-round survey and either returns the answer or every problem at
 * once, each naming its field; messages never repeat what was typed. Text is normalised to NFC
 * and trimmed; line breaks are allowed in "what to improve", other control characters nowhere.
 */
final class SurveyForm {

    static final String MET = "met";
    static final String USEFULNESS = "usefulness";
    static final String RECOMMEND = "recommend";
    static final String IMPROVE = "improve";
    static final String MAY_QUOTE = "mayQuote";

    /** The survey's fields as the form labels them (error pages and lists name fields so). */
    static final Map<String, String> LABELS = Map.of(
            MET, "How often did you meet your partner?",
            USEFULNESS, "How useful was the round to you?",
            RECOMMEND, "Would you recommend the programme to a colleague?",
            IMPROVE, "What should we improve?",
            MAY_QUOTE, "May we quote you anonymously?");

    private static final Set<String> NAMES = LABELS.keySet();
    private static final int MAX_UNKNOWN_REPORTED = 5;

    private SurveyForm() {
    }

    /** The answer, or the problems; {@code values} holds what was sent, cleaned, to show it again. */
    record Result(Optional<SurveyAnswer> answer, List<FieldError> errors, Map<String, String> values) {
        Result {
            errors = List.copyOf(errors);
            values = Map.copyOf(values);
        }
    }

    /** Checks {@code fields}, wording the problems in {@code language} (English for an unknown tag). */
    static Result validate(SubmittedFields fields, String language) {
        CompiledCatalogue words = CompiledCatalogues.bundled().of(language);
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        int unknown = 0;
        for (String name : fields.names()) {
            if (!NAMES.contains(name) && unknown++ < MAX_UNKNOWN_REPORTED) {
                errors.add(new FieldError(printable(name), words.format("error.unknownField.survey")));
            }
        }
        Optional<SurveyAnswer.Met> met = single(fields, MET, errors, values, words)
                .flatMap(v -> choice(v, MET, SurveyAnswer.Met.of(v), words.format("error.survey.met"), errors, words));
        Optional<Integer> usefulness = single(fields, USEFULNESS, errors, values, words)
                .flatMap(v -> choice(v, USEFULNESS, Arrays.asList("1", "2", "3", "4", "5").contains(v)
                        ? Optional.of(Integer.parseInt(v)) : Optional.empty(), words.format("error.survey.usefulness"), errors, words));
        Optional<SurveyAnswer.Recommend> recommend = single(fields, RECOMMEND, errors, values, words)
                .flatMap(v -> choice(v, RECOMMEND, SurveyAnswer.Recommend.of(v),
                        words.format("error.survey.recommend"), errors, words));
        Optional<Boolean> mayQuote = single(fields, MAY_QUOTE, errors, values, words)
                .flatMap(v -> choice(v, MAY_QUOTE, v.equals("yes") ? Optional.of(true)
                        : v.equals("no") ? Optional.of(false) : Optional.empty(), words.format("error.survey.mayQuote"), errors, words));
        Optional<String> improve = fields.all(IMPROVE).isEmpty() && !fields.hasWrongType(IMPROVE)
                ? Optional.of("") : single(fields, IMPROVE, errors, values, words);
        improve.ifPresent(text -> {
            if (text.codePointCount(0, text.length()) > SurveyAnswer.IMPROVE_MAX) {
                errors.add(new FieldError(IMPROVE, words.format("error.tooLong", Integer.toString(SurveyAnswer.IMPROVE_MAX))));
            }
        });
        if (!errors.isEmpty() || met.isEmpty() || usefulness.isEmpty() || recommend.isEmpty() || mayQuote.isEmpty()
                || improve.isEmpty()) {
            return new Result(Optional.empty(), errors, values);
        }
        return new Result(Optional.of(new SurveyAnswer(met.get(), usefulness.get(), recommend.get(), improve.get(),
                mayQuote.get())), errors, values);
    }

    /** The field's one value, cleaned; empty (an error recorded) when missing, repeated or not clean text. */
    private static Optional<String> single(SubmittedFields fields, String field, List<FieldError> errors,
                                           Map<String, String> values, CompiledCatalogue words) {
        if (fields.hasWrongType(field)) {
            errors.add(new FieldError(field, words.format("error.textValue")));
            return Optional.empty();
        }
        List<String> given = fields.all(field);
        if (given.size() > 1) {
            errors.add(new FieldError(field, words.format("error.once")));
            return Optional.empty();
        }
        String raw = given.isEmpty() ? "" : given.get(0);
        boolean lines = field.equals(IMPROVE);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                errors.add(new FieldError(field, words.format("error.invalidText")));
                return Optional.empty();
            } else if (Character.isISOControl(c) && !(lines && (c == '\n' || c == '\r' || c == '\t'))) {
                errors.add(new FieldError(field, words.format("error.controlCharacters")));
                return Optional.empty();
            } else if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                errors.add(new FieldError(field, words.format("error.directionCharacters")));
                return Optional.empty();
            }
        }
        String value = Normalizer.normalize(raw.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC)
                .strip();
        // Shown again in the form after an error; the longest a field may be plus a little, so a
        // hostile body cannot make the page huge.
        int shown = SurveyAnswer.IMPROVE_MAX + 100;
        values.put(field, value.codePointCount(0, value.length()) > shown
                ? value.substring(0, value.offsetByCodePoints(0, shown)) : value);
        return Optional.of(value);
    }

    private static <T> Optional<T> choice(String value, String field, Optional<T> chosen, String message,
                                          List<FieldError> errors, CompiledCatalogue words) {
        if (chosen.isEmpty()) {
            errors.add(new FieldError(field, value.isEmpty() ? message : words.format("error.notOurs", message)));
        }
        return chosen;
    }

    private static String printable(String name) {
        String cleaned = name.codePoints().filter(c -> c < 0x7f && c > 0x20).limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.isEmpty() ? "(unnamed)" : cleaned;
    }
}
