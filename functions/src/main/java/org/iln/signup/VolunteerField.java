package org.iln.signup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every field the volunteer form (to become a Country Coordinator) may send, with the label a
 * person sees beside it: the list that validation accepts and that error pages name fields by.
 */
enum VolunteerField {
    NAME("name", "Your name"),
    EMAIL("email", "Email address"),
    COUNTRY("country", "Country"),
    LANGUAGES("languages", "Languages"),
    WHY("why", "Why you would like to volunteer"),
    HOURS("hours", "Hours a month"),
    CONSENT("consent", "Consent"),
    /** The page's language ("", "es", "ar"), so the answer is in the form's language; never named in an error. */
    LANG("lang", null),
    /** The honeypot: hidden from people, so only a bot fills it in; never named in an error. */
    WEBSITE("website", null);

    /** Every field's name as the form sends it. */
    static final Set<String> NAMES = Arrays.stream(values()).map(VolunteerField::formName)
            .collect(Collectors.toUnmodifiableSet());
    /** What the error page calls each field. */
    static final Map<String, String> LABELS = labels();

    private final String formName;
    private final String label;

    VolunteerField(String formName, String label) {
        this.formName = formName;
        this.label = label;
    }

    String formName() {
        return formName;
    }

    Optional<String> label() {
        return Optional.ofNullable(label);
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new HashMap<>();
        for (VolunteerField field : values()) {
            field.label().ifPresent(label -> labels.put(field.formName, label));
        }
        labels.put("body", "Form");
        return Map.copyOf(labels);
    }
}
