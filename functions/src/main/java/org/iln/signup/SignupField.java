package org.iln.signup;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every field the signup form may send, each with the label a person sees beside it: the one
 * list that validation accepts and that error pages name fields by.
 */
enum SignupField implements FormField {
    GIVEN_NAME("givenName", "Given name"),
    FAMILY_NAME("familyName", "Family name"),
    EMAIL("email", "Email address"),
    COUNTRY("country", "Country"),
    TIMEZONE("timezone", "Time zone"),
    LANGUAGES("languages", "Languages"),
    SECTOR("sector", "Library sector"),
    ROLE("role", "Role"),
    CAREER_STAGE("careerStage", "Career stage"),
    INTERESTS("interests", "Areas of interest"),
    PREFER_SECTOR("preferSector", "Preferred partner sector"),
    PREFER_CAREER_STAGE("preferCareerStage", "Preferred partner career stage"),
    PREFER_REGIONS("preferRegions", "Preferred regions"),
    EXCLUDE_COUNTRIES("excludeCountries", "Countries to avoid"),
    OPEN_TO_ANY("openToAny", "Open to any match"),
    MAX_PARTNERS("maxPartners", "Number of partners"),
    CONSENT_PRIVACY("consentPrivacy", "Privacy notice"),
    CONSENT_SHARE("consentShare", "Sharing your profile"),
    HEARD_FROM("heardFrom", "How you heard of us"),
    /**
     * The language of the form's page, hidden: the participant's pages and mail are in it. Never
     * named in an error: anything the programme has no catalogue for means English.
     */
    LANGUAGE("language", null),
    /** The honeypot: hidden from people, so only a bot fills it in; never named in an error. */
    WEBSITE("website", null),
    /** When the page with the form was loaded (set by the site's script); never named in an error. */
    FORM_STARTED_AT("formStartedAt", null);

    /** Every field's name as the form sends it. */
    static final Set<String> NAMES = FormField.names(values());

    /**
     * What error pages call each field: the form's labelled fields, and the two an error may name
     * that are not fields of the form (the body as a whole, and the round).
     */
    static final Map<String, String> LABELS = FormField.labels(values(), Map.of("body", "Form", "round", "Round"));

    private final String formName;
    private final String label;

    SignupField(String formName, String label) {
        this.formName = formName;
        this.label = label;
    }

    /** The field's name in the form and in JSON. */
    @Override
    public String formName() {
        return formName;
    }

    /** What a person sees beside it; empty for a field nobody fills in by hand. */
    @Override
    public Optional<String> label() {
        return Optional.ofNullable(label);
    }
}
