package org.iln.signup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.iln.mail.Phrase;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.store.Application;
import org.iln.survey.Survey;
import org.iln.survey.SurveyAnswer;
import org.iln.survey.SurveyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-of-round survey behind the participant's page link: who may answer (someone whose
 * round ended while they were matched, {@code ROUND_ENDED}), until when ({@link Survey#closesOn}),
 * and the one answer per participant and round, which they can change until then.
 */
final class SurveyPage {

    private static final Logger LOG = LoggerFactory.getLogger(SurveyPage.class);

    private final PersonalPage page;
    private final SurveyStore answers;
    private final Supplier<Programme> programme;
    private final Clock clock;

    SurveyPage(PersonalPage page, SurveyStore answers, Supplier<Programme> programme, Clock clock) {
        this.page = Objects.requireNonNull(page);
        this.answers = Objects.requireNonNull(answers);
        this.programme = Objects.requireNonNull(programme);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * What the survey page shows.
     *
     * @param refusal why no answer can be given now (empty when the form is open)
     */
    record View(Application application, Round round, LocalDate closes, Optional<SurveyAnswer.Stored> answer,
                Optional<Phrase> refusal) {

        /** The participant's language, which the page is in. */
        String language() {
            return application.profile().language();
        }
    }

    /** What became of an answer sent. */
    sealed interface Outcome {
    }

    /** Stored (first given or changed). */
    record Saved() implements Outcome {
    }

    /** Refused, every bad field named; nothing stored. */
    record Invalid(List<FieldError> errors, Map<String, String> values, String language) implements Outcome {
    }

    /** Refused: the survey is not open to this person now; nothing stored. */
    record Refused(Phrase message, String language) implements Outcome {
    }

    /** The survey behind a page link, if the link is genuine and its application still held. */
    Optional<View> open(String token) {
        Instant now = clock.instant();
        return page.application(token, now).map(a -> view(a, now));
    }

    /** Stores the answer if the survey is open to the link's participant; empty if the link is not valid. */
    Optional<Outcome> save(String token, SubmittedFields fields) {
        Instant now = clock.instant();
        Optional<View> found = page.application(token, now).map(a -> view(a, now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        View view = found.get();
        if (view.refusal().isPresent()) {
            LOG.atInfo().addKeyValue("outcome", "refused").log("survey answer refused");
            return Optional.of(new Refused(view.refusal().get(), view.language()));
        }
        SurveyForm.Result result = SurveyForm.validate(fields, view.language());
        if (result.answer().isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", "invalid")
                    .addKeyValue("fields", result.errors().stream().map(FieldError::field).limit(10).toList())
                    .log("survey answer refused: invalid fields");
            return Optional.of(new Invalid(result.errors(), result.values(), view.language()));
        }
        Application a = view.application();
        answers.save(a.round(), a.participantId(), a.addressHash(), result.answer().get(),
                view.round().personalDataKeptUntil(), now);
        LOG.atInfo().addKeyValue("outcome", view.answer().isPresent() ? "changed" : "answered")
                .addKeyValue("round", a.round()).addKeyValue("participantId", a.participantId())
                .log("survey answered");
        return Optional.of(new Saved());
    }

    private View view(Application application, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Round round = programme.get().round(application.round()).orElse(null);
        if (round == null || round.ends() == null) {
            return new View(application, round, null, Optional.empty(),
                    Optional.of(Phrase.of("page.survey.refused.none")));
        }
        LocalDate closes = Survey.closesOn(round);
        Optional<SurveyAnswer.Stored> answer = answers.answer(application.round(), application.participantId());
        Optional<Phrase> refusal = Optional.empty();
        if (application.status() != Application.Status.ROUND_ENDED) {
            refusal = Optional.of(application.status() == Application.Status.WITHDRAWN
                    ? Phrase.of("page.survey.refused.withdrawn") : Phrase.of("page.survey.refused.notYet", round.ends()));
        } else if (!Survey.isOpenOn(round, today)) {
            refusal = Optional.of(Phrase.of("page.survey.refused.closed", closes));
        }
        return new View(application, round, closes, answer, refusal);
    }
}
