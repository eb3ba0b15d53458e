package org.iln.signup;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Choice;
import org.iln.programme.Programme.Choices;
import org.iln.store.Application.Profile;

/**
 * Checks a submitted signup against the programme's own lists and the signup rules, and either
 * returns the normalised profile or every problem at once, each naming its field.
 *
 * <p>All text is normalised to NFC and trimmed; control characters and broken Unicode are
 * refused anywhere. Messages never repeat the submitted value.
 */
public final class SignupValidator {

    /** Longest name or role, in characters. */
    public static final int MAX_NAME = 100;
    /** Longest email address (RFC 5321 path limit). */
    public static final int MAX_EMAIL = 254;
    /** Most areas of interest one person may choose. */
    public static final int MAX_INTERESTS = 5;
    /** Most languages one person may list. */
    public static final int MAX_LANGUAGES = 10;
    /** Most countries one person may exclude. */
    public static final int MAX_EXCLUDED = 50;

    private static final Set<String> REPEATED = Set.of("languages", "interests", "preferRegions", "excludeCountries");
    private static final Set<String> PREFER_SECTOR = Set.of("same", "different", "any");
    private static final Set<String> PREFER_STAGE = Set.of("same", "earlier", "later", "any");
    private static final int MAX_UNKNOWN_REPORTED = 5;
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})");

    /** The outcome: a profile, or the problems. */
    public record Result(Optional<Profile> profile, List<FieldError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    /** Validates {@code fields} against {@code programme}'s lists. */
    public Result validate(SubmittedFields fields, Programme programme) {
        Form form = new Form(fields, language(fields));
        Choices choices = programme.choices();

        for (String name : fields.names()) {
            if (!SignupField.NAMES.contains(name) && form.unknownReported++ < MAX_UNKNOWN_REPORTED) {
                form.error(printable(name), "error.unknownField.signup");
            }
        }

        String givenName = form.text("givenName", MAX_NAME, true, "error.givenName.missing");
        String familyName = form.text("familyName", MAX_NAME, false, "");
        String email = email(form, "email");
        String country = form.oneOf("country", ids(programme.countries().stream().map(Programme.Country::code)),
                "error.country.missing", "error.country.unknown");
        String timezone = form.oneOf("timezone", Set.copyOf(choices.timeZones()),
                "error.timezone.missing", "error.timezone.unknown");
        List<String> languages = form.list("languages", ids(choices.languages().stream().map(Programme.Language::code)),
                1, MAX_LANGUAGES, "error.languages.missing", "languages");
        String sector = form.oneOf("sector", ids(choices.sectors().stream().map(Choice::id)),
                "error.sector.missing", "error.sector.unknown");
        String role = form.text("role", MAX_NAME, false, "");
        String careerStage = form.oneOf("careerStage", ids(choices.careerStages().stream().map(Choice::id)),
                "error.careerStage.missing", "error.careerStage.unknown");
        List<String> interests = form.list("interests", ids(choices.interests().stream().map(Choice::id)),
                1, MAX_INTERESTS, "error.interests.missing", "interests");
        String preferSector = form.optionalOneOf("preferSector", PREFER_SECTOR, "any",
                "error.preferSector.unknown");
        String preferStage = form.optionalOneOf("preferCareerStage", PREFER_STAGE, "any",
                "error.preferCareerStage.unknown");
        List<String> preferRegions = form.list("preferRegions", programme.regions(), 0, programme.regions().size(),
                "", "regions");
        List<String> excluded = form.list("excludeCountries",
                ids(programme.countries().stream().map(Programme.Country::code)), 0, MAX_EXCLUDED, "", "countries");
        boolean openToAny = "true".equals(form.optionalOneOf("openToAny", Set.of("true", "false"), "false",
                "error.openToAny.unknown"));
        int maxPartners = Integer.parseInt(form.optionalOneOf("maxPartners", Set.of("1", "2"), "1",
                "error.maxPartners.unknown"));
        form.consent("consentPrivacy", "error.consentPrivacy.missing");
        form.consent("consentShare", "error.consentShare.missing");
        String heardFrom = form.optionalOneOf("heardFrom", ids(choices.heardFrom().stream().map(Choice::id)), "",
                "error.heardFrom.unknown");
        String language = language(fields);
        form.text("website", 10_000, false, "");
        form.text("formStartedAt", 20, false, "");

        if (!form.errors.isEmpty()) {
            return new Result(Optional.empty(), form.errors);
        }
        return new Result(Optional.of(new Profile(givenName, familyName, email, country, timezone, languages, sector,
                role, careerStage, interests, preferSector, preferStage, preferRegions, excluded, openToAny,
                maxPartners, heardFrom, language)), List.of());
    }

    /**
     * The language the form was in: a tag the programme has a catalogue for, and English for
     * anything else (missing, unknown, malformed, not text), never an error the person could not fix.
     */
    static String language(SubmittedFields fields) {
        List<String> values = fields.hasWrongType("language") ? List.of() : fields.all("language");
        String tag = values.isEmpty() ? "" : values.get(0).strip();
        return CompiledCatalogues.bundled().of(tag).tag();
    }

    /** The outcome of checking an erasure request: an address, or the problems. */
    public record EmailResult(Optional<String> email, List<FieldError> errors) {
        public EmailResult {
            errors = List.copyOf(errors);
        }
    }

    /** Validates a form that carries only an email address (the erasure request). */
    public EmailResult validateEmailOnly(SubmittedFields fields) {
        Form form = new Form(fields, language(fields));
        for (String name : fields.names()) {
            if (!name.equals("email") && !name.equals("website") && !name.equals("language")
                    && form.unknownReported++ < MAX_UNKNOWN_REPORTED) {
                form.error(printable(name), "error.unknownField.form");
            }
        }
        String email = email(form, "email");
        form.text("website", 10_000, false, "");
        if (!form.errors.isEmpty()) {
            return new EmailResult(Optional.empty(), form.errors);
        }
        return new EmailResult(Optional.of(email), List.of());
    }

    /** The longest answer to "why", in characters (a few paragraphs). */
    public static final int MAX_WHY = 2_000;
    /** The most hours a month a volunteer may offer. */
    public static final int MAX_HOURS = 40;

    /** The outcome of checking an offer to volunteer: the offer, or every problem. */
    public record VolunteerResult(Optional<VolunteerOffer> offer, List<FieldError> errors) {
        public VolunteerResult {
            errors = List.copyOf(errors);
        }
    }

    /** Validates the volunteer form against {@code programme}'s lists: every bad field named at once. */
    public VolunteerResult validateVolunteer(SubmittedFields fields, Programme programme) {
        List<String> lang = fields.hasWrongType("lang") ? List.of() : fields.all("lang");
        Form form = new Form(fields, lang.size() == 1 ? lang.get(0) : "");
        for (String name : fields.names()) {
            if (!VolunteerField.NAMES.contains(name) && form.unknownReported++ < MAX_UNKNOWN_REPORTED) {
                form.error(printable(name), "error.unknownField.volunteer");
            }
        }
        String name = form.text("name", MAX_NAME, true, "error.volunteer.name.missing");
        String email = email(form, "email");
        String country = form.oneOf("country", ids(programme.countries().stream().map(Programme.Country::code)),
                "error.volunteer.country.missing", "error.country.unknown");
        List<String> languages = form.list("languages",
                ids(programme.choices().languages().stream().map(Programme.Language::code)),
                1, MAX_LANGUAGES, "error.volunteer.languages.missing", "languages");
        String why = form.paragraphs("why", MAX_WHY, "error.volunteer.why.missing");
        String hours = form.oneOf("hours", ids(java.util.stream.IntStream.rangeClosed(1, MAX_HOURS)
                .mapToObj(Integer::toString)), "error.volunteer.hours.missing", "error.volunteer.hours.unknown");
        form.consent("consent", "error.volunteer.consent.missing");
        form.text("website", 10_000, false, "");
        if (!form.errors.isEmpty()) {
            return new VolunteerResult(Optional.empty(), form.errors);
        }
        return new VolunteerResult(Optional.of(new VolunteerOffer(name, email, country, languages, why,
                Integer.parseInt(hours), language(fields))), List.of());
    }

    private static String email(Form form, String field) {
        String email = form.text(field, Integer.MAX_VALUE, true, "error.email.missing");
        if (email.isEmpty() || form.failed(field)) {
            return email;
        }
        if (email.length() > MAX_EMAIL) {
            form.error(field, "error.tooLong", Integer.toString(MAX_EMAIL));
        } else if (!EMAIL.matcher(email).matches() || email.indexOf('@') > 64) {
            form.error(field, "error.email.invalid");
        }
        return email;
    }

    private static Set<String> ids(java.util.stream.Stream<String> ids) {
        return ids.collect(Collectors.toUnmodifiableSet());
    }

    /** A field name fit to show back: printable, short. */
    private static String printable(String name) {
        String cleaned = name.codePoints().filter(cp -> !Character.isISOControl(cp) && !Character.isSurrogate((char) cp))
                .limit(40).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return cleaned.isEmpty() ? "(unnamed)" : cleaned;
    }

    /**
     * The submitted fields being checked, and the problems found so far. Problems are named by
     * catalogue key ({@code error.*}) and worded in the form's language.
     */
    private static final class Form {
        private final SubmittedFields fields;
        /** The form's language, which every message is worded in. */
        private final CompiledCatalogue words;
        private final List<FieldError> errors = new ArrayList<>();
        private final Set<String> failed = new LinkedHashSet<>();
        private int unknownReported;

        Form(SubmittedFields fields, String language) {
            this.fields = fields;
            this.words = CompiledCatalogues.bundled().of(language);
        }

        /** Records the field's first problem: the message {@code key} in the form's language. */
        void error(String field, String key, Object... arguments) {
            if (failed.add(field)) {
                errors.add(new FieldError(field, words.format(key, arguments)));
            }
        }

        boolean failed(String field) {
            return failed.contains(field);
        }

        /** A single value, cleaned; "" when absent or bad (with the error recorded). */
        String single(String field) {
            if (fields.hasWrongType(field)) {
                error(field, REPEATED.contains(field) ? "error.listValue" : "error.textValue");
                return "";
            }
            List<String> values = fields.all(field);
            if (values.isEmpty()) {
                return "";
            }
            if (values.size() > 1) {
                error(field, "error.once");
                return "";
            }
            return clean(field, values.get(0)).orElse("");
        }

        Optional<String> clean(String field, String raw) {
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    error(field, "error.invalidText");
                    return Optional.empty();
                } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                    error(field, "error.controlCharactersOrBreaks");
                    return Optional.empty();
                } else if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                    // Overrides and isolates reorder the text after them (in a mail greeting, the rest
                    // of the line); right-to-left names need none of them.
                    error(field, "error.directionCharacters");
                    return Optional.empty();
                }
            }
            return Optional.of(Normalizer.normalize(raw, Normalizer.Form.NFC).strip());
        }

        String text(String field, int max, boolean required, String missing) {
            String value = single(field);
            if (failed(field)) {
                return "";
            }
            if (value.isEmpty()) {
                if (required) {
                    error(field, missing);
                }
                return "";
            }
            if (value.codePointCount(0, value.length()) > max) {
                error(field, "error.tooLong", Integer.toString(max));
            }
            return value;
        }

        /** Free text over several lines (line breaks kept, as "\n"); other control characters refused. */
        String paragraphs(String field, int max, String missing) {
            if (fields.hasWrongType(field)) {
                error(field, "error.textValue");
                return "";
            }
            List<String> values = fields.all(field);
            if (values.size() > 1) {
                error(field, "error.once");
                return "";
            }
            String raw = values.isEmpty() ? "" : values.get(0).replace("\r\n", "\n").replace('\r', '\n');
            StringBuilder kept = new StringBuilder();
            for (String line : raw.split("\n", -1)) {
                Optional<String> clean = clean(field, line);
                if (clean.isEmpty()) {
                    return "";
                }
                kept.append(kept.length() == 0 ? "" : "\n").append(clean.get());
            }
            String value = kept.toString().strip();
            if (value.isEmpty()) {
                error(field, missing);
            } else if (value.codePointCount(0, value.length()) > max) {
                error(field, "error.tooLong", Integer.toString(max));
            }
            return value;
        }

        String oneOf(String field, Set<String> allowed, String missing, String unknown) {
            String value = single(field);
            if (failed(field)) {
                return "";
            }
            if (value.isEmpty()) {
                error(field, missing);
            } else if (!allowed.contains(value)) {
                error(field, unknown);
            }
            return value;
        }

        String optionalOneOf(String field, Set<String> allowed, String fallback, String unknown) {
            String value = single(field);
            if (failed(field) || value.isEmpty()) {
                return fallback;
            }
            if (!allowed.contains(value)) {
                error(field, unknown);
                return fallback;
            }
            return value;
        }

        void consent(String field, String missing) {
            String value = single(field);
            if (!failed(field) && !"true".equals(value) && !"on".equals(value)) {
                error(field, missing);
            }
        }

        List<String> list(String field, Set<String> allowed, int min, int max, String missing, String noun) {
            if (fields.hasWrongType(field)) {
                error(field, "error.listValue");
                return List.of();
            }
            Set<String> values = new LinkedHashSet<>();
            for (String raw : fields.all(field)) {
                Optional<String> value = clean(field, raw);
                if (value.isEmpty()) {
                    return List.of();
                }
                if (!value.get().isEmpty()) {
                    values.add(value.get());
                }
            }
            if (values.size() < min) {
                error(field, missing);
            } else if (values.size() > max) {
                error(field, "error.tooMany." + noun, Integer.toString(max));
            } else if (!allowed.containsAll(values)) {
                error(field, "error.notListed." + noun);
            }
            return List.copyOf(values);
        }
    }
}
