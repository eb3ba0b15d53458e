package org.iln.round;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.iln.mail.Outbox;
import org.iln.mail.OutboxMessage;
import org.iln.mail.Wording;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Coordinator;
import org.iln.programme.Programme.Round;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.iln.survey.Survey;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a round: on its end date, everyone still in it (status {@code MATCHED}) gets one
 * message with the survey and the offer to join the next round, and moves to
 * {@code ROUND_ENDED}.
 *
 * <p>For each person the message is queued first (key {@code round-end:<round>:<round>:<participantId>},
 * so queuing it again queues nothing) and then the status moves with a conditional write on
 * {@code MATCHED}: a run that died between the two queues nothing twice when it runs again, and
 * someone who withdrew in between keeps their status (the dispatcher then skips their message).
 * Withdrawn, erased and never-matched people are not {@code MATCHED}, so never mailed; suppressed
 * addresses are skipped when the message is sent. A night missed (an outage) is caught up on the
 * following nights while the survey is open ({@link Survey#closesOn}).
 */
public final class RoundEnd {

    private static final Logger LOG = LoggerFactory.getLogger(RoundEnd.class);

    private final ApplicationStore applications;
    private final Outbox outbox;
    private final SignedLinks links;
    private final URI siteUrl;
    private final Clock clock;

    /** The round-end job over these stores; survey and next-round links point into {@code siteUrl}. */
    public RoundEnd(ApplicationStore applications, Outbox outbox, SignedLinks links, URI siteUrl, Clock clock) {
        this.applications = Objects.requireNonNull(applications, "applications");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.links = Objects.requireNonNull(links, "links");
        String site = Objects.requireNonNull(siteUrl, "siteUrl").toString();
        this.siteUrl = URI.create(site.endsWith("/") ? site.substring(0, site.length() - 1) : site);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one night did. */
    public record Report(int rounds, int queued, int ended) {
        @Override
        public String toString() {
            return "rounds ended " + rounds + ", round-end mail queued " + queued + ", participants moved to ROUND_ENDED "
                    + ended;
        }
    }

    /** Ends every round whose end date has come and whose survey is still open. */
    public Report run(Programme programme) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int rounds = 0;
        int queued = 0;
        int ended = 0;
        for (Round round : programme.rounds()) {
            if (!Survey.isOpenOn(round, today)) {
                continue;
            }
            rounds++;
            Optional<Round> next = programme.roundAfter(round);
            int queuedHere = 0;
            int endedHere = 0;
            for (Application participant : applications.activeParticipants(round.id())) {
                if (outbox.enqueue(message(round, next, participant, now))) {
                    queuedHere++;
                }
                if (applications.endRound(participant, now)) {
                    endedHere++;
                }
            }
            queued += queuedHere;
            ended += endedHere;
            LOG.atInfo().addKeyValue("round", round.id()).addKeyValue("queued", queuedHere)
                    .addKeyValue("ended", endedHere).log("round end");
        }
        return new Report(rounds, queued, ended);
    }

    private OutboxMessage message(Round round, Optional<Round> next, Application participant, Instant now) {
        // One page link carries both actions: the survey and joining again act on this application.
        String token = URLEncoder.encode(links.mint(Purpose.PAGE, participant.addressHash(), round.id(),
                participant.participantId(), now), StandardCharsets.UTF_8);
        Map<String, Object> model = new HashMap<>();
        model.put(Wording.LANGUAGE, participant.profile().language());
        model.put("givenName", participant.profile().givenName());
        model.put("roundTitle", round.title() == null || round.title().isBlank() ? round.id() : round.title());
        model.put("roundEnds", round.ends().toString());
        String language = Wording.linkLanguage(participant.profile().language());
        model.put("surveyUrl", siteUrl + "/api/me/survey?token=" + token + language);
        model.put("surveyCloses", Survey.closesOn(round).toString());
        model.put("joinUrl", siteUrl + "/api/me/next-round?token=" + token + language);
        model.put("nextRoundTitle", next.map(r -> r.title() == null ? r.id() : r.title()).orElse(""));
        model.put("nextRoundOpens", next.map(r -> r.opens().toString()).orElse(""));
        List<String> replyTo = round.coordinators().stream().map(Coordinator::email).filter(Objects::nonNull).toList();
        return OutboxMessage.programme("round-end", round.id(), round.id(), participant.participantId(),
                "round-ending", participant.profile().email(), participant.addressHash(), model, replyTo);
    }
}
