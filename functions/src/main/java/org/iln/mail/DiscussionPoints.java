package org.iln.mail;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Coordinator;
import org.iln.programme.Programme.DiscussionPoint;
import org.iln.programme.Programme.Round;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues each discussion point, on its send date, for every active participant of its round
 * (status {@code MATCHED}): one outbox message each, key
 * {@code point:<round>:<slug>:<participantId>}, so running again queues nothing twice.
 *
 * <p>Withdrawn (and unmatched, waitlisted) applications are not active, so never queued;
 * unsubscribed and bounced addresses are queued but skipped at send time, when suppression is
 * checked for every programme message (it may change between queuing and sending).
 *
 * <p>A point is fanned out once: when all of its messages are queued a {@code FANOUT#} marker
 * is written and later runs skip it. A run that died half-way repeats the fan-out, harmlessly.
 * Points whose send date is more than {@link #CATCH_UP_DAYS} days past are not sent any more.
 */
public final class DiscussionPoints {

    /** How many days after its send date a point is still fanned out (e.g. after an outage). */
    public static final int CATCH_UP_DAYS = 7;

    private static final Logger LOG = LoggerFactory.getLogger(DiscussionPoints.class);

    private final ApplicationStore participants;
    private final MailStore mail;
    private final Outbox outbox;
    private final URI siteUrl;
    private final Clock clock;

    /**
     * Fan-out to the active {@code participants} into {@code outbox}, each fan-out marked done in
     * {@code mail}; archive links point into {@code siteUrl}.
     */
    public DiscussionPoints(ApplicationStore participants, MailStore mail, Outbox outbox, URI siteUrl, Clock clock) {
        this.participants = Objects.requireNonNull(participants, "participants");
        this.mail = Objects.requireNonNull(mail, "mail");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        String site = Objects.requireNonNull(siteUrl, "siteUrl").toString();
        this.siteUrl = URI.create(site.endsWith("/") ? site.substring(0, site.length() - 1) : site);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Queues every point due today (or in the catch-up window); returns how many messages it queued. */
    public int queueDue(Programme programme) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int queued = 0;
        for (DiscussionPoint point : programme.discussionPoints()) {
            if (point.sendDate() == null || point.sendDate().isAfter(today)
                    || point.sendDate().isBefore(today.minusDays(CATCH_UP_DAYS))) {
                continue;
            }
            Optional<Round> round = programme.round(point.round());
            if (round.isEmpty()) {
                LOG.atWarn().addKeyValue("round", point.round()).addKeyValue("point", point.slug())
                        .log("discussion point names an unknown round; not sent");
                continue;
            }
            String fanOut = "point:" + point.round() + ":" + point.slug();
            if (mail.isFannedOut(fanOut)) {
                continue;
            }
            int forPoint = 0;
            List<Application> active = participants.activeParticipants(point.round());
            for (Application participant : active) {
                if (outbox.enqueue(message(round.get(), point, participant))) {
                    forPoint++;
                }
            }
            mail.markFannedOut(fanOut, active.size(), now);
            queued += forPoint;
            LOG.atInfo().addKeyValue("round", point.round()).addKeyValue("point", point.slug())
                    .addKeyValue("active", active.size()).addKeyValue("queued", forPoint)
                    .log("discussion point queued");
        }
        return queued;
    }

    private OutboxMessage message(Round round, DiscussionPoint point, Application participant) {
        String language = participant.profile().language();
        Map<String, Object> model = new HashMap<>();
        model.put(Wording.LANGUAGE, language);
        model.put("givenName", participant.profile().givenName());
        model.put("roundTitle", round.title() == null ? round.id() : round.title());
        // The reader's translation where a coordinator wrote one; else the original, said to be English.
        Optional<DiscussionPoint.Translation> translation = Optional.ofNullable(language).flatMap(point::in);
        String title = translation.map(DiscussionPoint.Translation::title).orElse(point.title());
        String summary = translation.map(DiscussionPoint.Translation::summary).orElse(point.summary());
        String html = translation.map(DiscussionPoint.Translation::html).orElse(point.html());
        model.put("pointTitle", title == null ? point.slug() : title);
        model.put("pointSummary", summary == null ? "" : summary);
        model.put("pointHtml", html == null ? "" : html);
        if (translation.isEmpty() && !Wording.root(language).equals("/")) {
            model.put("pointUntranslated", true);
            var original = org.iln.messages.compiled.CompiledCatalogues.bundled().defaultCatalogue();
            model.put("pointLanguage", original.tag());
            model.put("pointDirection", original.direction());
        }
        // The point's page in the reader's edition of the site (which says when it is not translated).
        String url = translation.map(DiscussionPoint.Translation::url).orElse(point.url());
        if (translation.isEmpty() && url != null && !url.startsWith("http")) {
            url = Wording.root(language) + (url.startsWith("/") ? url.substring(1) : url);
        }
        model.put("archiveUrl", url == null ? siteUrl.toString()
                : url.startsWith("http") ? url : siteUrl + url);
        return OutboxMessage.programme("point", round.id(), point.slug(), participant.participantId(),
                "discussion-point", participant.profile().email(), participant.addressHash(), model,
                round.coordinators().stream().map(Coordinator::email).filter(Objects::nonNull).toList());
    }
}
