package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.iln.mail.Wording;
import org.iln.matching.Reason;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.round.DraftReview;
import org.iln.round.DraftRows;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every page template the API answers with, rendered in every language of the programme with
 * every branch it has switched on: no key is missing in any catalogue, each page names its
 * language and direction (right to left for Arabic), and no English sentence is left in the
 * Spanish and Arabic pages.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PagesInEveryLanguageTest {

    private final Pages pages = new Pages();

    static Stream<Arguments> everyTemplateInEveryLanguage() throws IOException, URISyntaxException {
        List<Arguments> out = new ArrayList<>();
        for (String template : templates()) {
            for (String tag : CompiledCatalogues.bundled().tags()) {
                out.add(Arguments.of(template, tag));
            }
        }
        return out.stream();
    }

    /** Parts that pages include, rendered with those pages. */
    private static final List<String> PARTS = List.of("layout", "coordinator-actions");

    /** Every page template but the parts they share, so a new page cannot be forgotten here. */
    private static List<String> templates() throws IOException, URISyntaxException {
        Path folder = Path.of(Pages.class.getResource("/web").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".ftlh"))
                    .map(n -> n.substring(0, n.length() - ".ftlh".length())).filter(n -> !PARTS.contains(n))
                    .sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyTemplateInEveryLanguage")
    void renders_with_every_branch_on_naming_its_language_and_direction(String template, String tag) {
        // when
        String page = pages.render(template, model(template, tag, "first"));

        // then
        String dir = tag.equals("ar") ? "rtl" : "ltr";
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<html lang=\"" + tag + "\" dir=\"" + dir + "\">");
        if (!tag.equals("en")) {
            // the English catalogue's own sentences are not in the other languages' pages
            assertThat(page).doesNotContain("Back to your page", "Please correct", "Your page for", "How did",
                    "Stop programme email", "Erase your data", "Applications are closed", "Where you stand",
                    "Withdraw from this round", "Coordinating", "The draft");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"updated", "withdrawn", "nudged", "nudged-before", "nudge-closed", "not-matched",
            "still-here", "nothing-to-answer", "checked-in"})
    void the_personal_page_words_every_outcome_of_a_move_in_every_language(String done) {
        for (String tag : CompiledCatalogues.bundled().tags()) {
            String page = pages.render("personal", model("personal", tag, done));
            assertThat(page).as(tag).contains("role=\"status\"");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"withdrawn", "resent", "already", "paired"})
    void the_coordinator_page_after_publishing_words_its_moves_on_people_in_every_language(String done) {
        for (String tag : CompiledCatalogues.bundled().tags()) {
            Map<String, Object> model = model("coordinator", tag, "");
            model.put("published", true);
            model.put("done", done);
            String page = pages.render("coordinator", model);
            assertThat(page).as(tag).contains("id=\"alone\"", "id=\"alone-first\"", "id=\"withdraw-participant\"",
                    "role=\"status\"");
        }
    }

    /** A draft as the matcher leaves it, reasons as codes: a pair, and someone left out for each reason. */
    private static final DraftRows DRAFT = new DraftRows("2027-1", List.of(
            new DraftRows.Row("pair", "pair-1", List.of("p-1", "p-2"), List.of("Ana Souza", "Ravi Rao"),
                    List.of("BR", "IN"), 10, true, List.of("reason.sameSector|academic",
                    "reason.sharedInterests|open-access", "reason.hoursApart|8", "reason.wish.region|p-1|Asia")),
            new DraftRows.Row("not matched", "", List.of("p-9"), List.of("Lin Wu"), List.of("KE"), 0, false,
                    List.of("reason.unmatched.noSharedLanguage", "reason.unmatched.sameCountry|KE",
                            "reason.unmatched.noneEligible|3|1|1|1", "reason.unmatched.allTaken|2"))));

    /** Every kind of action the audit stores. */
    private static final List<String> ACTIONS = List.of("approve", "hold", "pin", "forbid", "withdraw",
            "resend introduction", "resend confirmation", "pair");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"es", "ar"})
    void the_coordinator_page_words_the_draft_and_the_audit_in_the_coordinators_language(String tag) {
        // given the page's rows and audit lines as CoordinatorPageModel words them
        CompiledCatalogue english = CompiledCatalogues.bundled().defaultCatalogue();
        Map<String, Object> model = model("coordinator", tag, "");

        // when
        String page = pages.render("coordinator", model);

        // then: no reason, kind, scope or action is left as the English catalogue words it
        List<String> englishWords = new ArrayList<>(DRAFT.rows().stream()
                .flatMap(r -> r.reasons().stream().map(c -> Reason.word(c, Reason.coordinators(english), english)))
                .toList());
        ACTIONS.forEach(a -> englishWords.add(english.format("audit.action." + a.replace(' ', '.'))));
        englishWords.add(english.format("audit.scope.programme"));
        englishWords.add(english.format("page.coordinator.kind", "not_matched"));
        assertThat(page).contains("p-9", "p-1 / p-2").doesNotContain(englishWords);
        assertThat(model.get("actions").toString()).contains(
                CompiledCatalogues.bundled().of(tag).format("audit.scope.programme"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"es", "ar"})
    void an_error_page_names_every_field_from_the_catalogue_never_by_its_english_fallback(String tag) {
        // given the English labels the field lists keep only as a fallback
        Map<String, String> english = new HashMap<>(PersonalPageModel.LABELS);
        english.putAll(VolunteerField.LABELS);

        // when
        Map<String, String> labels = Responses.labels(CompiledCatalogues.bundled().of(tag));

        // then: each field an error may name is worded in the language, and the volunteer form's fields have keys
        assertThat(labels).allSatisfy((field, label) -> assertThat(label).as(field).isNotEqualTo(english.get(field)));
        assertThat(VolunteerField.LABELS.keySet()).allSatisfy(field -> assertThat(
                CompiledCatalogues.bundled().of(tag).has("volunteer." + field)
                        || CompiledCatalogues.bundled().of(tag).has("signup." + field) || field.equals("body"))
                .as(field).isTrue());
    }

    @Test
    void a_malformed_or_unknown_language_gets_the_english_page() {
        for (String tag : new String[] {"", "xx", "es-<script>", "../ar", "AR", "\u0000"}) {
            String page = pages.render("unsubscribed", Map.of(Wording.LANGUAGE, tag));
            assertThat(page).as(tag).contains("<html lang=\"en\" dir=\"ltr\">", "You are unsubscribed");
        }
    }

    @Test
    void the_arabic_personal_page_isolates_names_and_links_the_arabic_site() {
        String page = pages.render("personal", model("personal", "ar", ""));
        assertThat(page).contains("<bdi>Ana Souza</bdi>", "href=\"/ar/privacy.html\"", "href=\"/ar/\"",
                "صفحتك في");
    }

    /** A model for {@code template} with every branch on, in {@code tag}. */
    private static Map<String, Object> model(String template, String tag, String done) {
        Map<String, Object> model = new HashMap<>();
        model.put(Wording.LANGUAGE, tag);
        switch (template) {
            case "closed" -> model.put("message", "closed");
            case "message" -> {
                model.put("title", "title");
                model.put("message", "message");
            }
            case "errors" -> {
                model.put("errors", List.of(Map.of("field", "givenName", "message", "message")));
                model.put("labels", Responses.labels(CompiledCatalogues.bundled().of(tag)));
                model.put("back", "/signup.html");
            }
            case "erase-confirm", "unsubscribe-confirm" -> model.put("action", "/api/x?token=t");
            case "unsubscribed" -> { }
            case "next-round" -> {
                model.put("endedTitle", "Round 1");
                model.put("nextTitle", "Round 2");
                model.put("closes", "2027-02-09");
                model.put("matchDate", "2027-02-16");
                model.put("action", "/api/me/next-round?token=t");
                model.put("pageUrl", "/api/me?token=t");
            }
            case "survey" -> survey(model, tag);
            case "personal" -> personal(model, tag, done);
            case "coordinator" -> coordinator(model);
            default -> throw new AssertionError("no model for the page template " + template
                    + ": add one here, with every branch on");
        }
        return model;
    }

    private static void survey(Map<String, Object> model, String tag) {
        var words = CompiledCatalogues.bundled().of(tag);
        model.put("roundTitle", "Round 1");
        model.put("closes", "2027-07-20");
        model.put("refusal", "");
        model.put("answered", true);
        model.put("done", "saved");
        model.put("action", "/api/me/survey?token=t");
        model.put("pageUrl", "/api/me?token=t");
        Map<String, String> labels = new HashMap<>();
        SurveyForm.LABELS.keySet().forEach(f -> labels.put(f, words.format("page.survey.q." + f)));
        model.put("labels", labels);
        model.put("errors", List.of(Map.of("field", "met", "message", "m"), Map.of("field", "improve", "message", "m")));
        model.put("errorOf", Map.of("met", "m", "improve", "m"));
        model.put("values", Map.of("met", "once"));
        model.put("metChoices", List.of(Map.of("id", "once", "label", words.format("page.survey.met.once"))));
        model.put("usefulnessChoices", List.of("1", "2", "3", "4", "5"));
        model.put("recommendChoices", List.of(Map.of("id", "yes", "label", words.format("page.survey.recommend.yes"))));
        model.put("improveMax", 2000);
    }

    private static void personal(Map<String, Object> model, String tag, String done) {
        model.put("roundTitle", "Round 1");
        model.put("matchDate", "2027-02-16");
        model.put("roundEnds", "2027-07-13");
        model.put("standing", "MATCHED");
        Map<String, Object> partner = new HashMap<>();
        partner.put("givenName", "Ana");
        partner.put("familyName", "Souza");
        partner.put("country", "Brazil");
        partner.put("countryCode", "BR");
        partner.put("role", "Librarian");
        partner.put("sector", "Academic library");
        partner.put("careerStage", "Early career");
        partner.put("timezone", "America/Sao_Paulo");
        partner.put("interests", List.of("Open access", "Research data"));
        partner.put("languages", List.of("pt", "en"));
        partner.put("email", "ana@example.org");
        model.put("partners", List.of(partner, partner));
        model.put("canUpdate", true);
        model.put("canWithdraw", true);
        model.put("done", done.equals("first") ? "updated" : done);
        model.put("nudgeAnswerDays", 5);
        model.put("canReportSilence", true);
        model.put("reported", false);
        model.put("askedStillHere", true);
        model.put("heldBack", false);
        model.put("canCheckIn", true);
        for (String action : List.of("noReplyAction", "stillHereAction", "checkInAction", "updateAction",
                "withdrawAction")) {
            model.put(action, "/api/me/x?token=t");
        }
        model.put("ask", "check-in");
        model.put("askAnswer", "yes");
        model.put("answerField", PersonalPageModel.ANSWER);
        model.put("confirmWithdrawal", PersonalPageModel.CONFIRM_WITHDRAWAL);
        model.put("surveyUrl", "/api/me/survey?token=t");
        model.put("joinUrl", "/api/me/next-round?token=t");
        Map<String, Object> answers = new HashMap<>();
        for (String f : List.of("givenName", "familyName", "email", "country", "timezone", "sector", "role",
                "careerStage", "preferSector", "preferCareerStage", "heardFrom")) {
            answers.put(f, "");
        }
        for (String f : List.of("languages", "interests", "preferRegions", "excludeCountries")) {
            answers.put(f, List.of());
        }
        answers.put("openToAny", true);
        answers.put("maxPartners", "1");
        model.put("answers", answers);
        List<Map<String, String>> one = List.of(Map.of("id", "a", "label", "A"));
        for (String list : List.of("countries", "languages", "sectors", "careerStages", "interests", "heardFrom")) {
            model.put(list, one);
        }
        model.put("timeZones", List.of("Europe/Madrid"));
        model.put("regions", List.of("Europe"));
        model.put("labels", Responses.labels(CompiledCatalogues.bundled().of(tag)));
    }

    private static void coordinator(Map<String, Object> model) {
        model.put("roundTitle", "Round 1");
        model.put("matchDate", "2027-02-16");
        model.put("coordinatorName", "Grace");
        model.put("scopeCountry", "KE");
        model.put("draftVersion", "3");
        model.put("approved", false);
        model.put("published", false);
        model.put("canApprove", true);
        model.put("canHold", true);
        // the rows and audit lines worded by the code the page's model uses, in the page's language
        CompiledCatalogue words = CompiledCatalogues.bundled().of((String) model.get(Wording.LANGUAGE));
        model.put("rows", DRAFT.toModel(words));
        model.put("actions", ACTIONS.stream().map(a -> new DraftReview.Action(Instant.parse("2027-02-10T09:30:00Z"),
                "Grace", a.equals("withdraw") ? "country:KE" : "programme", a, "p-1 / p-2").line(words)).toList());
        model.put("canPairAlone", true);
        model.put("alone", List.of(Map.of("id", "p-3", "name", "Lin", "country", "Kenya")));
        for (String action : List.of("approveAction", "holdAction", "pinAction", "forbidAction", "withdrawAction",
                "resendAction", "pairAloneAction")) {
            model.put(action, "/api/coordinate/x?token=t");
        }
        model.put("done", "approved");
    }
}
