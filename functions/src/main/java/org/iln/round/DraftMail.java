package org.iln.round;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.iln.mail.CsvSheet;
import org.iln.mail.Outbox;
import org.iln.mail.OutboxMessage;
import org.iln.mail.Wording;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.store.AddressHasher;

/**
 * The night's draft mail to a round's coordinators: to the programme team (the round's
 * {@code coordinators}) every row, to each Country Coordinator with an address the rows of their
 * country's people (none if there are none), each with the same rows as a CSV, what coordinators
 * did, whether the draft is approved, and (minted by the dispatcher) the link to their page.
 */
final class DraftMail {

    /** Most rows one draft mail carries (the outbox item must stay under DynamoDB's 400 KB); the page has them all. */
    static final int DRAFT_MAIL_ROWS = 500;

    private final Outbox outbox;
    private final AddressHasher hasher;
    private final DraftReview review;
    private final MatchingNight.ApprovalPolicy approval;

    DraftMail(Outbox outbox, AddressHasher hasher, DraftReview review, MatchingNight.ApprovalPolicy approval) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.review = Objects.requireNonNull(review, "review");
        this.approval = Objects.requireNonNull(approval, "approval");
    }

    /** Queues tonight's draft of {@code round} to everyone who may see a row of it. */
    void queue(Programme current, Round round, LocalDate today, DraftRows rows, Map<String, Object> summary) {
        for (Programme.Coordinator coordinator : round.coordinators()) {
            one(round, today, rows, summary, "draft-report", coordinator.email(), coordinator.language(),
                    CoordinatorScope.PROGRAMME);
        }
        // Each Country Coordinator with an address gets the rows of their country's people, if any.
        for (Programme.Country country : current.countries()) {
            CoordinatorScope scope = CoordinatorScope.country(country.code());
            DraftRows theirs = rows.seenBy(scope);
            if (theirs.rows().isEmpty()) {
                continue;
            }
            for (Programme.Country.Coordinator coordinator : country.coordinators()) {
                if (coordinator.hasAddress()) {
                    one(round, today, theirs, Map.of(), "country-draft-report", coordinator.contact(),
                            coordinator.language(), scope);
                }
            }
        }
    }

    /**
     * Queues one coordinator's draft: the rows they may see, in the mail and as a CSV, what
     * coordinators did since the last draft, whether it is approved, and a link to their private
     * page (minted by the dispatcher for {@code scope}).
     */
    private void one(Round round, LocalDate today, DraftRows rows, Map<String, Object> summary, String kind,
                           String to, String language, CoordinatorScope scope) {
        if (to == null || to.isBlank()) {
            return;
        }
        String version = review.draftVersion(round.id()).orElse("");
        Map<String, Object> model = new HashMap<>();
        model.put("roundTitle", Letters.title(round));
        // The roster may name a coordinator's language; otherwise the default one.
        model.put(Wording.LANGUAGE, language == null ? "" : language);
        model.put("matchDate", round.matchDate().toString());
        model.put("draft", true);
        model.put(RoundSummary.MODEL_KEY, summary);
        model.put("unmatched", List.of());
        // the template words the scope in the reader's language: the programme team, or a country's coordinator
        model.put("scopeCountry", scope.country().orElse(""));
        model.put("canApprove", scope.isProgramme());
        model.put("draftVersion", version);
        model.put("approved", review.approvedVersion(round.id()).filter(version::equals).isPresent());
        model.put("matchDateReached", !today.isBefore(round.matchDate()));
        model.put("autoPublishOn", approval.autoPublishOn(round.matchDate()).map(LocalDate::toString).orElse(""));
        // The sheet and the audit lines are written now, in the language the mail is rendered in.
        CompiledCatalogue words = Wording.of(model);
        model.put("actions", review.actions(round.id()).stream()
                .filter(a -> scope.isProgramme() || a.scope().equals(scope.id()))
                .map(a -> a.line(words)).toList());
        DraftRows shown = rows.rows().size() <= DRAFT_MAIL_ROWS ? rows
                : new DraftRows(rows.round(), rows.rows().subList(0, DRAFT_MAIL_ROWS));
        model.put("rowsLeftOut", rows.rows().size() - shown.rows().size());
        model.put(CsvSheet.MODEL_KEY, shown.sheet(today.toString(), words).toModel());
        String hash = hasher.address(to);
        String subject = scope.isProgramme() ? today.toString() : today + "-" + scope.country().get();
        // Keyed by round, day and scope: a second run the same night queues nothing more.
        outbox.enqueue(new OutboxMessage(OutboxMessage.key(kind, round.id(), subject, hash), "coordinator-report", to,
                hash, model, List.of(), false, Optional.of(round.id()), Optional.of(scope.id())));
    }

}
