package org.iln.round;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.iln.mail.OutboxMessage;
import org.iln.mail.Wording;
import org.iln.matching.MatchResult;
import org.iln.matching.Reason;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.programme.ChoiceLabels;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.store.Application;

/**
 * The messages a matching night queues: introductions, new partners, no match, partner left,
 * each keyed by round, partnership and recipient so that queuing it again queues nothing.
 *
 * <p>The matcher's reasons name participants by id ("p-17 asked for someone in a different
 * sector"); each reader gets them rewritten: "you asked…", "Ana asked…".
 */
final class Letters {

    private static final java.util.regex.Pattern PAIR_PREFIX = java.util.regex.Pattern.compile("(\\S+) and (\\S+): (.*)");

    private static final java.util.regex.Pattern SHARED_INTERESTS =
            java.util.regex.Pattern.compile("(.*shared interests?: )(.*)");

    /** The no-match reason of someone whose planned partner left before publishing. */
    static final String PARTNER_LEFT_FIRST = "partner left before publishing";

    /** The no-match reason of someone still alone when re-matching ends. */
    static final String ALONE_AFTER_REMATCH = "alone after re-matching";

    private final Programme programme;

    Letters(Programme programme) {
        this.programme = Objects.requireNonNull(programme, "programme");
    }

    /** The introduction (or, after a re-match, the new-partner) message to one member. */
    OutboxMessage introduction(Round round, String pairId, String reader, MatchResult.Partnership partnership,
                               Map<String, Application> applications, boolean rematch) {
        Application me = applications.get(reader);
        Map<String, Object> model = new HashMap<>();
        model.put("givenName", me.profile().givenName());
        model.put("roundTitle", title(round));
        model.put("roundEnds", round.ends() == null ? "" : round.ends().toString());
        model.put(Wording.LANGUAGE, me.profile().language());
        List<Map<String, Object>> partners = new ArrayList<>();
        for (String other : partnership.members()) {
            Application partner = applications.get(other);
            if (!other.equals(reader) && partner != null) {
                Map<String, Object> card = partnerCard(programme, partner, me.profile().language());
                // What the FAQ promises the introduction names: the languages the two share.
                card.put("sharedLanguages", partner.profile().languages().stream()
                        .filter(me.profile().languages()::contains).toList());
                partners.add(card);
            }
        }
        model.put("partners", partners);
        model.put("reasons", reasons(partnership.reasons(), reader, applications, me.profile().language()));
        String kind = rematch ? "new-partner" : "introduction";
        return OutboxMessage.programme(kind, round.id(), pairId, reader, kind.equals("introduction")
                ? "match-introduction" : "new-partner", me.profile().email(), me.addressHash(), model, replyTo(round));
    }

    /** The message to someone the matcher could not place. */
    OutboxMessage noMatch(Round round, Application me, String matcherReason) {
        Map<String, Object> model = new HashMap<>();
        model.put("givenName", me.profile().givenName());
        model.put("roundTitle", title(round));
        model.put(Wording.LANGUAGE, me.profile().language());
        model.put("reasonCode", reasonCode(matcherReason));
        Optional<Round> next = programme.roundAfter(round);
        model.put("nextRoundTitle", next.map(Letters::title).orElse(""));
        model.put("nextRoundOpens", next.map(r -> r.opens().toString()).orElse(""));
        return OutboxMessage.programme("no-match", round.id(), round.id(), me.participantId(), "no-match",
                me.profile().email(), me.addressHash(), model, replyTo(round));
    }

    /** The message to someone whose partner left, saying a new partner is being looked for. */
    OutboxMessage partnerLeft(Round round, String pairId, Application me) {
        return partnerLeft(round, pairId, me, true);
    }

    /**
     * The same, saying whether a new partner is being looked for (inside the re-match window) or
     * not (after it).
     */
    OutboxMessage partnerLeft(Round round, String pairId, Application me, boolean rematching) {
        Map<String, Object> model = new HashMap<>();
        model.put("givenName", me.profile().givenName());
        model.put("roundTitle", title(round));
        model.put(Wording.LANGUAGE, me.profile().language());
        // The partner may have asked to be erased: never name them.
        model.put("partnerGivenName", "");
        model.put("rematching", rematching);
        return OutboxMessage.programme("partner-left", round.id(), pairId, me.participantId(), "partner-withdrew",
                me.profile().email(), me.addressHash(), model, replyTo(round));
    }

    /** The check-in ("have you met your partner yet?") to one member of a partnership, once per partnership. */
    OutboxMessage checkIn(Round round, PartnershipStore.Pair pair, Application me, Map<String, Application> everyone) {
        Map<String, Object> model = new HashMap<>();
        model.put("givenName", me.profile().givenName());
        model.put("roundTitle", title(round));
        model.put(Wording.LANGUAGE, me.profile().language());
        // the names alone: the template joins them in the reader's language
        model.put("partnerGivenNames", partnerGivenNames(pair.members(), me, everyone));
        return OutboxMessage.programme("check-in", round.id(), pair.id(), me.participantId(), "check-in",
                me.profile().email(), me.addressHash(), model, replyTo(round));
    }

    /** The kind nudge to a partner a member has not heard from, with the one-click "I'm still here". */
    OutboxMessage nudge(Round round, String pairId, Application partner, Application reporter,
                        java.time.LocalDate due) {
        Map<String, Object> model = new HashMap<>();
        model.put("givenName", partner.profile().givenName());
        model.put("roundTitle", title(round));
        model.put(Wording.LANGUAGE, partner.profile().language());
        model.put("reporterGivenName", reporter.profile().givenName());
        model.put("answerBy", due.toString());
        return OutboxMessage.programme("nudge", round.id(), pairId, partner.participantId(), "partner-nudge",
                partner.profile().email(), partner.addressHash(), model, replyTo(round));
    }

    /** To the member who reported silence, when the nudge went unanswered and the partnership ended. */
    OutboxMessage silentPartnerEnded(Round round, String pairId, Application me, boolean rematching) {
        return silenceEnded(round, pairId, me, rematching, "partner-silent");
    }

    /** To a member who did not answer a nudge: the partnership ended, and how to be matched again. */
    OutboxMessage silenceEnded(Round round, String pairId, Application me, boolean rematching) {
        return silenceEnded(round, pairId, me, rematching, "partnership-ended");
    }

    /** The one silence-ended letter; {@code kind} tells the reporter's copy from the silent one's. */
    private OutboxMessage silenceEnded(Round round, String pairId, Application me, boolean rematching, String kind) {
        Map<String, Object> model = new HashMap<>();
        model.put("givenName", me.profile().givenName());
        model.put("roundTitle", title(round));
        model.put("rematching", rematching);
        model.put(Wording.LANGUAGE, me.profile().language());
        return OutboxMessage.programme("silence-ended", round.id(), pairId, me.participantId(), kind,
                me.profile().email(), me.addressHash(), model, replyTo(round));
    }

    /**
     * To someone left alone for whom no new partner is coming: the re-match window closed, or they
     * had {@link RoundCare#MAX_REMATCHES} new partners already. One per person and round.
     */
    OutboxMessage noNewPartner(Round round, Application me, boolean overLimit) {
        Map<String, Object> model = new HashMap<>();
        model.put("givenName", me.profile().givenName());
        model.put("roundTitle", title(round));
        model.put("overLimit", overLimit);
        model.put(Wording.LANGUAGE, me.profile().language());
        Optional<Round> next = programme.roundAfter(round);
        model.put("nextRoundTitle", next.map(Letters::title).orElse(""));
        model.put("nextRoundOpens", next.map(r -> r.opens().toString()).orElse(""));
        return OutboxMessage.programme("no-new-partner", round.id(), round.id(), me.participantId(), "no-new-partner",
                me.profile().email(), me.addressHash(), model, replyTo(round));
    }

    private static List<String> partnerGivenNames(List<String> members, Application me, Map<String, Application> everyone) {
        return members.stream().filter(m -> !m.equals(me.participantId()))
                .map(everyone::get).filter(Objects::nonNull).map(a -> a.profile().givenName()).toList();
    }

    /**
     * The matcher's reasons as {@code reader} reads them, in {@code language}: each {@link Reason}
     * worded with "you" for the reader, partners by given name and interests by their labels; a
     * sentence stored before reasons were data is rewritten as before ({@link #forReader}).
     */
    List<String> reasons(List<String> stored, String reader, Map<String, Application> applications, String language) {
        CompiledCatalogue words = CompiledCatalogues.bundled().of(language);
        Reason.Reader member = new Reason.Reader() {
            @Override
            public boolean isReader(String id) {
                return id.equals(reader);
            }

            @Override
            public String name(String id) {
                Application a = applications.get(id);
                return a == null ? id : a.profile().givenName();
            }

            @Override
            public String interest(String id) {
                return ChoiceLabels.label(ChoiceLabels.INTEREST, programme.choices().interests(), id, words);
            }

            @Override
            public String region(String name) {
                return words.regionName(name);
            }
        };
        return stored.stream().map(r -> Reason.parse(r).isPresent() ? Reason.word(r, member, words)
                : forReader(withInterestLabels(r), reader, applications)).toList();
    }

    /**
     * A matcher reason as one member reads it: a sentence that opens with a member's id opens
     * with "you" for the reader and with the partner's given name for the others.
     */
    static String forReader(String reason, String reader, Map<String, Application> applications) {
        // In a group of three each reason is about two members: "p-1 and p-2: you both work in...".
        java.util.regex.Matcher two = PAIR_PREFIX.matcher(reason);
        if (two.matches() && applications.containsKey(two.group(1)) && applications.containsKey(two.group(2))) {
            String a = two.group(1);
            String b = two.group(2);
            String rest = forReader(two.group(3), reader, applications);
            if (a.equals(reader) || b.equals(reader)) {
                return "you and " + name(a.equals(reader) ? b : a, applications) + ": " + rest;
            }
            return name(a, applications) + " and " + name(b, applications) + ": "
                    + rest.replaceFirst("^you both ", "they both ").replaceFirst("^you are ", "they are ");
        }
        for (Map.Entry<String, Application> e : applications.entrySet()) {
            String id = e.getKey();
            if (reason.startsWith(id + " ")) {
                String rest = reason.substring(id.length() + 1);
                if (id.equals(reader)) {
                    return "you " + rest.replaceFirst("^has ", "have ");
                }
                return e.getValue().profile().givenName() + " " + rest;
            }
        }
        return reason;
    }

    /** "shared interests: open-access, rdm" with the site's labels ("Open access", ...) instead of ids. */
    private String withInterestLabels(String reason) {
        java.util.regex.Matcher shared = SHARED_INTERESTS.matcher(reason);
        if (!shared.matches()) {
            return reason;
        }
        List<String> labels = java.util.Arrays.stream(shared.group(2).split(", "))
                .map(id -> label(programme.choices().interests(), id)).toList();
        return shared.group(1) + String.join(", ", labels);
    }

    private static String name(String id, Map<String, Application> applications) {
        return applications.get(id).profile().givenName();
    }

    /**
     * What a member is shown of a partner: the introduction's card, and the personal page's; the
     * choices (sector, career stage, interests) labelled in the reader's {@code language}.
     */
    static Map<String, Object> partnerCard(Programme programme, Application partner, String language) {
        CompiledCatalogue words = CompiledCatalogues.bundled().of(language);
        Application.Profile p = partner.profile();
        Map<String, Object> card = new HashMap<>();
        card.put("givenName", p.givenName());
        card.put("familyName", p.familyName());
        card.put("country", programme.country(p.country()).map(Programme.Country::name).orElse(p.country()));
        // the reader's mail names the country and the languages the partner works in from CLDR, in its language
        card.put("countryCode", p.country());
        card.put("languages", p.languages());
        card.put("role", p.role());
        Programme.Choices choices = programme.choices();
        card.put("sector", ChoiceLabels.label(ChoiceLabels.SECTOR, choices.sectors(), p.sector(), words));
        card.put("interests", p.interests().stream()
                .map(i -> ChoiceLabels.label(ChoiceLabels.INTEREST, choices.interests(), i, words)).toList());
        card.put("careerStage", p.careerStage() == null ? ""
                : ChoiceLabels.label(ChoiceLabels.CAREER_STAGE, choices.careerStages(), p.careerStage(), words));
        card.put("timezone", p.timezone() == null ? "" : p.timezone());
        card.put("email", p.email());
        return card;
    }

    /**
     * The catalogue's name for why the matcher left someone out ({@code mail.noMatch.reason.<code>}),
     * from its {@link Reason} code, or from the English sentence a draft stored before reasons were data.
     */
    static String reasonCode(String matcherReason) {
        if (matcherReason == null) {
            return "";
        }
        if (matcherReason.equals(PARTNER_LEFT_FIRST)) {
            return "partnerLeft";
        }
        if (matcherReason.equals(ALONE_AFTER_REMATCH)) {
            return "alone";
        }
        String key = Reason.parse(matcherReason).map(Reason::key).orElse("");
        // Nobody eligible at all: no shared language, all in one country, all excluded or partners before.
        if (key.equals("reason.unmatched.noSharedLanguage") || key.equals("reason.unmatched.sameCountry")
                || key.equals("reason.unmatched.noneEligible") || matcherReason.startsWith("no eligible partner")) {
            return "noEligible";
        }
        return "taken";
    }

    private static String label(List<Programme.Choice> choices, String id) {
        return choices.stream().filter(c -> c.id().equals(id)).map(Programme.Choice::label).findFirst().orElse(id);
    }

    static String title(Round round) {
        return round.title() == null || round.title().isBlank() ? round.id() : round.title();
    }

    private static List<String> replyTo(Round round) {
        return round.coordinators().stream().map(Programme.Coordinator::email).filter(Objects::nonNull).toList();
    }
}
