package org.iln.signup;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every field the volunteer form (to become a Country Coordinator) may send, with the label a
 * person sees beside it: the list that validation accepts and that error pages name fields by.
 */
enum VolunteerField implements FormField {
    NAME("name", "Your name"),
    EMAIL("email", "Email address"),
    COUNTRY("country", "Country"),
    LANGUAGES("languages", "Languages"),
    WHY("why", "Why you would like to volunteer"),
    HOURS("hours", "Hours a month"),
    CONSENT("consent", "Consent"),
    /**
     * The language of the form's page, hidden, named as signup's: the answer and the volunteer's mail are in
     * it. Never named in an error: anything unknown means the default language.
     */
    LANGUAGE("language", null),
    /** The honeypot: hidden from people, so only a bot fills it in; never named in an error. */
    WEBSITE("website", null);

    /** Every field's name as the form sends it. */
    static final Set<String> NAMES = FormField.names(values());
    /** What the error page calls each field. */
    static final Map<String, String> LABELS = FormField.labels(values(), Map.of("body", "Form"));

    private final String formName;
    private final String label;

    VolunteerField(String formName, String label) {
        this.formName = formName;
        this.label = label;
    }

    @Override
    public String formName() {
        return formName;
    }

    @Override
    public Optional<String> label() {
        return Optional.ofNullable(label);
    }
}
