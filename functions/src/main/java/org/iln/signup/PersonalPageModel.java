package org.iln.signup;

import java.text.Collator;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.iln.mail.Wording;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.programme.ChoiceLabels;
import org.iln.programme.Programme;
import org.iln.round.CareStore;
import org.iln.round.Partners;
import org.iln.round.RoundCare;
import org.iln.store.Application;
import org.iln.store.Application.Profile;

/**
 * What the personal page's template is given: the round, the standing, the partners' cards, and
 * the update form filled in with the stored answers and the programme's choice lists.
 */
final class PersonalPageModel {

    /** The withdraw form's one field: a box the person ticks to confirm. */
    static final String CONFIRM_WITHDRAWAL = "confirmWithdrawal";

    /** The check-in form's one field: {@code yes}, {@code arranging} or {@code no-reply}. */
    static final String ANSWER = "answer";

    /** The labels error pages name fields by: the signup form's and the withdraw form's. */
    static final Map<String, String> LABELS = labels();

    private PersonalPageModel() {
    }

    /** The page's address for a token (a link's token is base64url and dots: nothing to encode). */
    static String pageUrl(String token) {
        return "/api/me?token=" + token;
    }

    /** The page's "done" for an outcome of "my partner hasn't replied". */
    static String reported(Partners.Reported reported) {
        return switch (reported) {
            case NUDGED, ALREADY_NUDGED -> "nudged";
            case NUDGED_BEFORE -> "nudged-before";
            case NOT_OPEN -> "nudge-closed";
            case NOT_MATCHED -> "not-matched";
        };
    }

    static Map<String, Object> of(PersonalPage.View view, Programme programme, String token, String done) {
        return of(view, programme, token, done, "", "");
    }

    /**
     * The model, with the question a mail's one-click link asked ({@code ask}: {@code still-here}
     * or {@code check-in}, with the check-in's {@code answer} chosen); the page asks it again as
     * a form, since a GET never changes anything.
     */
    static Map<String, Object> of(PersonalPage.View view, Programme programme, String token, String done,
                                  String ask, String answer) {
        Application a = view.application();
        Profile p = a.profile();
        Map<String, Object> model = new HashMap<>();
        // The page is in the participant's language; its forms name it too, so that the answer to
        // a post whose link has meanwhile expired is in it.
        CompiledCatalogue words = CompiledCatalogues.bundled().of(p.language());
        String lang = words.tag().equals(Profile.DEFAULT_LANGUAGE) ? "" : "&lang=" + words.tag();
        model.put(Wording.LANGUAGE, words.tag());
        model.put("roundTitle", view.round() == null ? a.round()
                : view.round().title() == null || view.round().title().isBlank() ? a.round() : view.round().title());
        model.put("matchDate", view.round() == null || view.round().matchDate() == null ? ""
                : view.round().matchDate().toString());
        model.put("roundEnds", view.round() == null || view.round().ends() == null ? "" : view.round().ends().toString());
        model.put("standing", view.standing().name());

        model.put("partners", view.partners());
        model.put("canUpdate", view.canUpdate());
        model.put("canWithdraw", view.canWithdraw());
        // What a move did, as the page words it (page.personal.done.<done>).
        model.put("done", switch (done) {
            case "updated", "withdrawn", "nudged", "nudged-before", "nudge-closed", "not-matched", "still-here",
                 "nothing-to-answer", "checked-in" -> done;
            default -> "";
        });
        model.put("nudgeAnswerDays", RoundCare.NUDGE_ANSWER_DAYS);
        Partners.Care care = view.care();
        model.put("canReportSilence", care.canReportSilence());
        model.put("reported", care.reported());
        model.put("askedStillHere", care.askedStillHere());
        model.put("heldBack", care.heldBack());
        model.put("canCheckIn", care.canCheckIn());
        model.put("noReplyAction", "/api/me/no-reply?token=" + token + lang);
        model.put("stillHereAction", "/api/me/still-here?token=" + token + lang);
        model.put("checkInAction", "/api/me/check-in?token=" + token + lang);
        model.put("ask", switch (ask) {
            case "still-here", "check-in" -> ask;
            default -> "";
        });
        model.put("askAnswer", CareStore.CheckInAnswer.of(answer).map(CareStore.CheckInAnswer::formValue).orElse(""));
        model.put("answerField", ANSWER);
        model.put("updateAction", "/api/me/update?token=" + token + lang);
        model.put("withdrawAction", "/api/me/withdraw?token=" + token + lang);
        model.put("confirmWithdrawal", CONFIRM_WITHDRAWAL);
        // Once the round has ended for them: its survey and joining the next round.
        boolean ended = a.status() == Application.Status.ROUND_ENDED;
        model.put("surveyUrl", ended ? SurveyPageModel.surveyUrl(token) : "");
        model.put("joinUrl", ended ? SurveyPageModel.nextRoundUrl(token) : "");

        Map<String, Object> answers = new HashMap<>();
        answers.put("givenName", p.givenName());
        answers.put("familyName", p.familyName());
        answers.put("email", p.email());
        answers.put("country", p.country());
        answers.put("timezone", p.timezone());
        answers.put("languages", p.languages());
        answers.put("sector", p.sector());
        answers.put("role", p.role());
        answers.put("careerStage", p.careerStage());
        answers.put("interests", p.interests());
        answers.put("preferSector", p.preferSector());
        answers.put("preferCareerStage", p.preferCareerStage());
        answers.put("preferRegions", p.preferRegions());
        answers.put("excludeCountries", p.excludeCountries());
        answers.put("openToAny", p.openToAny());
        answers.put("maxPartners", Integer.toString(p.maxPartners()));
        answers.put("heardFrom", p.heardFrom());
        model.put("answers", answers);

        Programme.Choices choices = programme.choices();
        // Names from CLDR and choice labels from the catalogue, in the reader's language and order.
        Collator order = Collator.getInstance(Locale.forLanguageTag(words.tag()));
        model.put("countries", programme.countries().stream()
                .map(c -> Map.of("id", c.code(), "label", words.countryName(c.code())))
                .sorted(Comparator.comparing(o -> o.get("label"), order)).toList());
        model.put("timeZones", choices.timeZones());
        model.put("languages", choices.languages().stream()
                .map(l -> Map.of("id", l.code(), "label", words.languageName(l.code())))
                .sorted(Comparator.comparing(o -> o.get("label"), order)).toList());
        model.put("sectors", options(ChoiceLabels.SECTOR, choices.sectors(), words));
        model.put("careerStages", options(ChoiceLabels.CAREER_STAGE, choices.careerStages(), words));
        model.put("interests", options(ChoiceLabels.INTEREST, choices.interests(), words));
        model.put("heardFrom", options(ChoiceLabels.HEARD_FROM, choices.heardFrom(), words));
        model.put("regions", programme.regions().stream()
                .map(r -> Map.of("id", r, "label", words.regionName(r)))
                .sorted(Comparator.comparing(o -> o.get("label"), order)).toList());
        model.put("labels", Responses.labels(words));
        return model;
    }

    private static List<Map<String, String>> options(String list, List<Programme.Choice> choices,
                                                     CompiledCatalogue words) {
        return choices.stream().map(c -> Map.of("id", c.id(), "label", ChoiceLabels.label(list, c, words))).toList();
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new HashMap<>(SignupField.LABELS);
        labels.put(CONFIRM_WITHDRAWAL, "Confirm you are leaving");
        labels.put("application", "Application");
        labels.put(ANSWER, "Your answer");
        return Map.copyOf(labels);
    }
}
