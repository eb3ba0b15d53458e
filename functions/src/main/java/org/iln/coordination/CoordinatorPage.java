package org.iln.coordination;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.iln.matching.MatchResult;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.round.ByHand;
import org.iln.round.CoordinatorScope;
import org.iln.round.DraftReview;
import org.iln.round.DraftRows;
import org.iln.round.PartnershipStore;
import org.iln.store.AddressHasher;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.iln.token.StoredToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A coordinator's private page for one round, behind the signed link in their draft mail: the
 * latest draft's rows they may see, what coordinators did, and the moves they can make without
 * AWS credentials: approve the draft (the programme team only), hold a proposed partnership, pin
 * or keep apart two people, mark someone withdrawn (through the participant's own withdrawal),
 * resend an introduction or a confirmation, and, after publishing, pair two people left alone
 * (the programme team only: partners always work in different countries, so a pairing is never
 * one country's alone).
 *
 * <p>The link names a round and a {@link CoordinatorScope}, never a person; it opens the page
 * only while its address is still on the roster of that scope (the round's {@code coordinators}
 * for the programme team, the country's in {@code countries.yml} for a Country Coordinator), so
 * taking someone off the roster closes their page. A Country Coordinator sees and acts on the
 * rows of their country's people only. Every move is a conditional write and is audited.
 */
public final class CoordinatorPage {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorPage.class);

    private final ApplicationStore applications;
    private final PartnershipStore partnerships;
    private final DraftReview review;
    private final SignedLinks tokens;
    private final AddressHasher hasher;
    private final Supplier<Programme> programme;
    private final Clock clock;
    private final ByHand byHand;
    private final Function<Application, Outcome> withdrawal;

    /**
     * A page over these stores, checking links with {@code tokens}; {@code withdrawal} is the
     * participant's own withdrawal (their personal page's), answering {@link Outcome#DONE},
     * {@link Outcome#ALREADY} or {@link Outcome#TOO_LATE} (the round has ended).
     */
    public CoordinatorPage(ApplicationStore applications, PartnershipStore partnerships, SignedLinks tokens,
                           AddressHasher hasher, Supplier<Programme> programme, Clock clock, ByHand byHand,
                           Function<Application, Outcome> withdrawal) {
        this.byHand = Objects.requireNonNull(byHand, "byHand");
        this.withdrawal = Objects.requireNonNull(withdrawal, "withdrawal");
        this.applications = Objects.requireNonNull(applications, "applications");
        this.partnerships = Objects.requireNonNull(partnerships, "partnerships");
        this.review = partnerships.review();
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.programme = Objects.requireNonNull(programme, "programme");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Who opened the page: their roster name, the round, what they may see, and the language the
     * roster names for them ({@code language:}; null: the default one), which their page and its answers are in.
     */
    public record Coordinator(String name, String addressHash, Round round, CoordinatorScope scope, String language) {
    }

    /**
     * What the page shows.
     *
     * @param rows the latest draft's rows this coordinator may see (empty before the first draft)
     * @param draftVersion the latest draft's version (what approving approves), empty if none
     * @param approved whether that version is the approved one
     * @param published whether the round's partnerships are published (nothing left to approve or hold)
     * @param actions audited actions this coordinator may see, oldest first
     * @param alone after publishing, the people of this coordinator's scope left alone (no active partnership)
     */
    public record View(Coordinator coordinator, DraftRows rows, String draftVersion, boolean approved,
                       boolean published, List<DraftReview.Action> actions, List<Person> alone) {
    }

    /** Someone the page lists by id, name and country. */
    public record Person(String id, String name, String country) {
    }

    /** What a move did. */
    public enum Outcome {
        /** Done now, and audited. */
        DONE,
        /** Already so (a double click, a replay): nothing changed. */
        ALREADY,
        /** The draft changed since the page was shown: nothing changed, look again. */
        DRAFT_CHANGED,
        /** Not this coordinator's to do (approval by a Country Coordinator, a pair outside their country). */
        NOT_YOURS,
        /** The round is published: the draft can no longer change. */
        TOO_LATE,
        /** Not two different people of this coordinator's rows of the current draft: nothing changed. */
        NOT_IN_YOUR_ROWS,
        /** A pin of two people of one country, or of someone pinned already, or of a pair kept apart: nothing changed. */
        CONFLICT,
        /** No application of the round with that id among this coordinator's people: nothing changed. */
        NO_SUCH_PERSON,
        /** Nothing to resend: no active partnership (an introduction) or not confirmed (a confirmation). */
        NOTHING_TO_RESEND
    }

    /** What a coordinator may resend. */
    public enum Resend { INTRODUCTION, CONFIRMATION }

    /**
     * Marks one of this coordinator's people withdrawn, through the participant's own withdrawal
     * (before matching they leave the pool; after it their partnership is dissolved and the
     * partner re-matched or told, as when they withdraw themselves). Empty if the link is not valid.
     */
    public Optional<Outcome> withdraw(String token, String participantId) {
        return coordinator(token).map(c -> {
            Optional<Application> person = person(c, participantId);
            if (person.isEmpty()) {
                return Outcome.NO_SUCH_PERSON;
            }
            Outcome outcome = withdrawal.apply(person.get());
            if (outcome == Outcome.DONE) {
                audit(c, "withdraw", participantId);
            }
            LOG.atInfo().addKeyValue("round", c.round().id()).addKeyValue("outcome", outcome.name())
                    .log("coordinator withdrawal");
            return outcome;
        });
    }

    /** Resends one of this coordinator's people an introduction or a confirmation, once a day. Empty if the link is not valid. */
    public Optional<Outcome> resend(String token, String participantId, Resend what) {
        return coordinator(token).map(c -> {
            Optional<Application> person = person(c, participantId);
            if (person.isEmpty()) {
                return Outcome.NO_SUCH_PERSON;
            }
            Instant now = clock.instant();
            Optional<Boolean> queued = what == Resend.INTRODUCTION
                    ? byHand.resendIntroduction(programme.get(), c.round(), person.get(), now)
                    : byHand.resendConfirmation(c.round(), person.get(), now);
            Outcome outcome = queued.map(q -> q ? Outcome.DONE : Outcome.ALREADY).orElse(Outcome.NOTHING_TO_RESEND);
            if (outcome == Outcome.DONE) {
                audit(c, what == Resend.INTRODUCTION ? "resend introduction" : "resend confirmation", participantId);
            }
            LOG.atInfo().addKeyValue("round", c.round().id()).addKeyValue("outcome", outcome.name())
                    .log("coordinator resend");
            return outcome;
        });
    }

    /**
     * Pairs two people left alone after publishing (the programme team only); refused with the
     * reason when the round is not published, one of them is not alone, or a hard rule forbids
     * it. Empty if the link is not valid.
     */
    public Optional<ByHand.Pairing> pairAlone(String token, String first, String second) {
        return coordinator(token).map(c -> {
            if (!c.scope().isProgramme()) {
                return new ByHand.Refused("not-yours", "");
            }
            ByHand.Pairing pairing = byHand.pair(programme.get(), c.round(), first, second, clock.instant());
            if (pairing instanceof ByHand.Paired paired && !paired.already()) {
                List<String> two = first.compareTo(second) <= 0 ? List.of(first, second) : List.of(second, first);
                audit(c, "pair", two.get(0) + " / " + two.get(1) + " (" + paired.partnership() + ")");
            }
            LOG.atInfo().addKeyValue("round", c.round().id())
                    .addKeyValue("outcome", pairing instanceof ByHand.Refused r ? r.reason() : "paired")
                    .log("coordinator pairing");
            return pairing;
        });
    }

    /** The round's application with this id, if it is one of this coordinator's people. */
    private Optional<Application> person(Coordinator c, String participantId) {
        return applications.application(c.round().id(), participantId, clock.instant())
                .filter(a -> c.scope().sees(a.profile().country()));
    }

    private void audit(Coordinator c, String action, String subject) {
        review.audit(c.round().id(), new DraftReview.Action(clock.instant(), c.name(), c.scope().id(), action,
                subject), c.round().personalDataKeptUntil());
    }

    /**
     * Pins two people together ({@code pin}) or keeps them apart in every later draft. Both must
     * be in this coordinator's rows of the current draft (a Country Coordinator: rows with someone
     * of their country), so a link acts on no one it cannot see. Empty if the link is not valid.
     */
    public Optional<Outcome> pair(String token, boolean pin, String first, String second) {
        return coordinator(token).map(c -> pair(c, pin, first, second));
    }

    private Outcome pair(Coordinator c, boolean pin, String first, String second) {
        String round = c.round().id();
        if (tooLate(round)) {
            return Outcome.TOO_LATE;
        }
        Map<String, String> countryOf = new LinkedHashMap<>();
        for (DraftRows.Row row : rows(c).rows()) {
            for (int i = 0; i < row.ids().size(); i++) {
                countryOf.put(row.ids().get(i), row.countries().get(i));
            }
        }
        if (first.equals(second) || !countryOf.containsKey(first) || !countryOf.containsKey(second)) {
            return Outcome.NOT_IN_YOUR_ROWS;
        }
        List<String> pair = first.compareTo(second) <= 0 ? List.of(first, second) : List.of(second, first);
        if (pin) {
            List<List<String>> pinned = new java.util.ArrayList<>(partnerships.coordination(round).pins());
            pinned.addAll(review.pins(round));
            List<List<String>> apart = new java.util.ArrayList<>(partnerships.coordination(round).forbids());
            apart.addAll(review.forbids(round));
            boolean already = pinned.stream().anyMatch(p -> p.containsAll(pair));
            if (!already && (countryOf.get(first).equals(countryOf.get(second))
                    || pinned.stream().anyMatch(p -> p.contains(first) || p.contains(second))
                    || apart.stream().anyMatch(p -> p.containsAll(pair)))) {
                return Outcome.CONFLICT;
            }
        }
        Instant now = clock.instant();
        DraftReview.Action action = new DraftReview.Action(now, c.name(), c.scope().id(), pin ? "pin" : "forbid",
                pair.get(0) + " / " + pair.get(1));
        boolean written = pin ? review.pin(round, first, second, action, c.round().personalDataKeptUntil())
                : review.forbid(round, first, second, action, c.round().personalDataKeptUntil());
        LOG.atInfo().addKeyValue("round", round).addKeyValue("outcome", written ? "written" : "already")
                .log(pin ? "pin" : "forbid");
        return written ? Outcome.DONE : Outcome.ALREADY;
    }

    /**
     * The language the roster names for the holder of a link ({@code ""}: none, the default one),
     * if the link is genuine, unexpired and its holder still on the roster: what their answers are worded in.
     */
    public Optional<String> language(String token) {
        return coordinator(token).map(c -> c.language() == null ? "" : c.language());
    }

    /** The page behind a link, if the link is genuine, unexpired and its holder still on the roster. */
    public Optional<View> open(String token) {
        return coordinator(token).map(this::view);
    }

    /** Approves the draft of {@code version} (the one the page showed); empty if the link is not valid. */
    public Optional<Outcome> approve(String token, String version) {
        return coordinator(token).map(c -> approve(c, version));
    }

    private Outcome approve(Coordinator c, String version) {
        if (!c.scope().isProgramme()) {
            return Outcome.NOT_YOURS;
        }
        if (tooLate(c.round().id())) {
            return Outcome.TOO_LATE;
        }
        DraftReview.Approval approval = review.approve(c.round().id(), version, c.name(), c.addressHash(),
                clock.instant(), c.round().personalDataKeptUntil());
        LOG.atInfo().addKeyValue("round", c.round().id()).addKeyValue("outcome", approval.name())
                .log("draft approval");
        return switch (approval) {
            case APPROVED -> Outcome.DONE;
            case ALREADY_APPROVED -> Outcome.ALREADY;
            case DRAFT_CHANGED -> Outcome.DRAFT_CHANGED;
        };
    }

    /**
     * Holds a proposed partnership of the latest draft back: the next draft is solved without
     * it. Empty if the link is not valid.
     */
    public Optional<Outcome> hold(String token, String partnership) {
        return coordinator(token).map(c -> hold(c, partnership));
    }

    private Outcome hold(Coordinator c, String partnership) {
        String round = c.round().id();
        if (tooLate(round)) {
            return Outcome.TOO_LATE;
        }
        Optional<DraftRows.Row> row = rows(c).rows().stream()
                .filter(r -> !r.partnership().isEmpty() && r.partnership().equals(partnership)).findFirst();
        if (row.isEmpty()) {
            // Not in the draft, or not in this coordinator's country: the same answer, so a
            // Country Coordinator learns nothing about other countries' partnerships.
            return Outcome.DRAFT_CHANGED;
        }
        Instant now = clock.instant();
        boolean held = review.hold(round, partnership, row.get().ids(),
                new DraftReview.Action(now, c.name(), c.scope().id(), "hold", partnership + " ("
                        + String.join(", ", row.get().ids()) + ")"), c.round().personalDataKeptUntil());
        LOG.atInfo().addKeyValue("round", round).addKeyValue("outcome", held ? "held" : "already-held")
                .log("partnership hold");
        return held ? Outcome.DONE : Outcome.ALREADY;
    }

    /** Published, or publishing has begun: the draft can no longer change. */
    private boolean tooLate(String round) {
        return partnerships.isPublished(round) || partnerships.plan(round).isPresent();
    }

    private View view(Coordinator c) {
        String round = c.round().id();
        String version = review.draftVersion(round).orElse("");
        boolean approved = !version.isEmpty() && review.approvedVersion(round).filter(version::equals).isPresent();
        List<DraftReview.Action> actions = review.actions(round).stream()
                .filter(a -> c.scope().isProgramme() || a.scope().equals(c.scope().id())).toList();
        boolean published = partnerships.isPublished(round);
        List<Person> alone = !published ? List.of() : byHand.leftAlone(c.round()).stream()
                .filter(a -> c.scope().sees(a.profile().country()))
                .map(a -> new Person(a.participantId(), a.profile().givenName() + " " + a.profile().familyName(),
                        a.profile().country())).toList();
        return new View(c, rows(c), version, approved, published, actions, alone);
    }

    /** The latest draft's rows the coordinator may see, named from the applications as they are now. */
    private DraftRows rows(Coordinator c) {
        Optional<MatchResult> draft = partnerships.draft(c.round().id());
        if (draft.isEmpty()) {
            return new DraftRows(c.round().id(), List.of());
        }
        Map<String, Application> people = new LinkedHashMap<>();
        applications.confirmedInRound(c.round().id()).forEach(a -> people.put(a.participantId(), a));
        return DraftRows.of(draft.get(), people).seenBy(c.scope());
    }

    private Optional<Coordinator> coordinator(String token) {
        Instant now = clock.instant();
        Optional<StoredToken> stored = tokens.check(token, Purpose.COORDINATE, now);
        Optional<Coordinator> found = stored.flatMap(t -> onRoster(t));
        if (found.isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", stored.isEmpty() ? "bad-link" : "not-on-roster")
                    .log("coordinator page refused");
        }
        return found;
    }

    private Optional<Coordinator> onRoster(StoredToken token) {
        Programme current = programme.get();
        Optional<Round> round = current.round(token.round());
        Optional<CoordinatorScope> scope = CoordinatorScope.parse(token.participantId());
        if (round.isEmpty() || scope.isEmpty()) {
            return Optional.empty();
        }
        if (scope.get().isProgramme()) {
            return round.get().coordinators().stream()
                    .filter(k -> k.email() != null && hasher.address(k.email()).equals(token.addressHash()))
                    .findFirst().map(k -> new Coordinator(k.name(), token.addressHash(), round.get(), scope.get(), k.language()));
        }
        return current.country(scope.get().country().get()).stream()
                .flatMap(country -> country.coordinators().stream())
                .filter(k -> k.hasAddress() && hasher.address(k.contact()).equals(token.addressHash()))
                .findFirst().map(k -> new Coordinator(k.name(), token.addressHash(), round.get(), scope.get(), k.language()));
    }

    /** Today's date on the page's clock (the page says whether the match date has passed). */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
