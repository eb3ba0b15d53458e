package org.iln.figures;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.iln.mail.CsvSheet;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.mail.OutboxMessage;
import org.iln.mail.Wording;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.round.CoordinatorScope;
import org.iln.store.AddressHasher;
import org.iln.survey.Survey;

/**
 * The round report: once a round has ended, its coordinators get one mail with a CSV: per
 * country, applied, matched, re-matched and withdrawn, and the round's check-in and survey
 * figures. The programme team (the round's {@code coordinators}) gets every country; each
 * Country Coordinator with an address gets their own country's row, if anyone of it took part.
 *
 * <p>The counts by country are exact: they go privately to coordinators, who see these people
 * on their page anyway. The check-in and survey figures are the published ones
 * ({@link CareFigures}, small counts suppressed), so a Country Coordinator cannot tell how the
 * two people of their country answered the survey.
 *
 * <p>Two editions. The first is due from the first night after the round's end date until its
 * survey closes (a missed night is caught up): the end date is still a day of the round, and by
 * the next night the round-end job has moved everyone on and sent the survey, so the counts are
 * final but the survey has only begun. The final edition, with the whole survey, is due from the
 * night after the survey closes, for as long again. Each message is keyed by edition, round,
 * scope and recipient ({@code round-report:<round>:<scope>:<addressHash>}, and
 * {@code round-report-final:...}); an outbox record lasts {@link MailStore#MAIL_CLAIM_TTL},
 * longer than {@link Survey#OPEN_FOR}, so every later night of a window finds the key and queues
 * nothing: one report of each edition per round and coordinator.
 */
final class RoundReport {

    /** The mail template (its {@code coordinator-} name gives it the coordinator's page link). */
    static final String TEMPLATE = "coordinator-round-report";
    /**
     * The catalogue keys of the CSV's columns: one row per figure, so that a spreadsheet can pivot
     * it. The header and the sections' and figures' names are in the coordinator's language, as in
     * the mail (no code reads the sheet back); countries stay ISO codes and counts digits.
     */
    static final List<String> COLUMNS = List.of("sheet.roundReport.section", "sheet.roundReport.figure",
            "sheet.roundReport.country", "sheet.roundReport.count");

    private static final List<Measure> BY_COUNTRY = List.of(Measure.APPLIED, Measure.MATCHED, Measure.REMATCHED,
            Measure.WITHDRAWN);

    private final Outbox outbox;
    private final AddressHasher hasher;
    private final URI siteUrl;

    RoundReport(Outbox outbox, AddressHasher hasher, URI siteUrl) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        String site = Objects.requireNonNull(siteUrl, "siteUrl").toString();
        this.siteUrl = URI.create(site.endsWith("/") ? site.substring(0, site.length() - 1) : site);
    }

    /** A report's edition: when the round has ended, and when its survey has closed. */
    enum Edition { ENDED, FINAL }

    /** Which of {@code round}'s reports is due on {@code today}, if one is. */
    static Optional<Edition> due(Round round, LocalDate today) {
        if (round.ends() == null || !today.isAfter(round.ends())) {
            return Optional.empty();
        }
        LocalDate closes = Survey.closesOn(round);
        if (!today.isAfter(closes)) {
            return Optional.of(Edition.ENDED);
        }
        return today.isAfter(closes.plus(Survey.OPEN_FOR)) ? Optional.empty() : Optional.of(Edition.FINAL);
    }

    /** Queues the report of {@code round} to each of its coordinators who has none yet; returns how many were queued. */
    int queue(Programme programme, Round round, Edition edition, RoundCount count, CareFigures care) {
        int queued = 0;
        for (Programme.Coordinator coordinator : round.coordinators()) {
            if (one(round, edition, count, care, coordinator.email(), coordinator.language(), CoordinatorScope.PROGRAMME)) {
                queued++;
            }
        }
        for (Programme.Country country : programme.countries()) {
            if (!count.byCountry().containsKey(country.code())) {
                continue;
            }
            for (Programme.Country.Coordinator coordinator : country.coordinators()) {
                if (coordinator.hasAddress()
                        && one(round, edition, count, care, coordinator.contact(), coordinator.language(),
                        CoordinatorScope.country(country.code()))) {
                    queued++;
                }
            }
        }
        return queued;
    }

    private boolean one(Round round, Edition edition, RoundCount count, CareFigures care, String to,
                        String language, CoordinatorScope scope) {
        if (to == null || to.isBlank()) {
            return false;
        }
        // The roster may name a coordinator's language; the mail and its sheet are in it.
        CompiledCatalogue words = CompiledCatalogues.bundled().of(language);
        List<Map<String, Object>> countries = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        String participation = words.format("sheet.roundReport.participation");
        for (String country : count.byCountry().keySet().stream().sorted().toList()) {
            if (!scope.sees(country)) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("country", country);
            for (Measure measure : BY_COUNTRY) {
                row.put(measure.key(), count.of(country, measure));
                rows.add(List.of(participation, words.format("mail.roundReport." + measure.key()), country,
                        Integer.toString(count.of(country, measure))));
            }
            countries.add(row);
        }
        String checkIns = words.format("sheet.roundReport.checkIns");
        String survey = words.format("sheet.roundReport.survey");
        care.checkIns().forEach((answer, n) -> rows.add(List.of(checkIns,
                words.format("mail.roundReport.checkIn." + answer), "", String.valueOf(n))));
        rows.add(List.of(survey, words.format("mail.roundReport.answers"), "", String.valueOf(care.surveyAnswers())));
        care.met().forEach((choice, n) -> rows.add(List.of(survey, words.format("mail.roundReport.met." + choice), "",
                String.valueOf(n))));
        care.usefulness().forEach((score, n) -> rows.add(List.of(survey,
                words.format("mail.roundReport.usefulness", score), "", String.valueOf(n))));
        rows.add(List.of(survey, words.format("mail.roundReport.median"), "", median(care.usefulnessMedian())));
        care.recommend().forEach((choice, n) -> rows.add(List.of(survey,
                words.format("mail.roundReport.recommend." + choice), "", String.valueOf(n))));
        rows.add(List.of(survey, words.format("sheet.roundReport.recommendShare"), "",
                care.recommendShare() == null ? "" : String.valueOf(care.recommendShare())));
        rows.add(List.of(survey, words.format("mail.roundReport.mayQuote"), "", String.valueOf(care.mayQuote())));
        String filename = (edition == Edition.FINAL ? "round-report-final-" : "round-report-") + round.id() + scope.country().map(c -> "-" + c).orElse("") + ".csv";

        Map<String, Object> model = new HashMap<>();
        model.put("roundTitle", round.title() == null || round.title().isBlank() ? round.id() : round.title());
        model.put(Wording.LANGUAGE, words.tag());
        model.put("roundEnds", round.ends().toString());
        model.put("surveyCloses", Survey.closesOn(round).toString());
        model.put("finalFigures", edition == Edition.FINAL);
        model.put("scopeCountry", scope.country().orElse(""));
        model.put("countries", countries);
        model.put("care", care(care));
        model.put("threshold", PublicFigures.THRESHOLD);
        model.put("summaryUrl", siteUrl + "/statistics/" + round.id() + ".html");
        model.put(CsvSheet.MODEL_KEY, new CsvSheet(filename, COLUMNS.stream().map(words::format).toList(), rows)
                .toModel());
        String hash = hasher.address(to);
        String subject = scope.country().orElse("programme");
        return outbox.enqueue(new OutboxMessage(OutboxMessage.key(
                edition == Edition.FINAL ? "round-report-final" : "round-report", round.id(), subject, hash), TEMPLATE,
                to, hash, model, List.of(), false, Optional.of(round.id()), Optional.of(scope.id())));
    }

    /**
     * The care figures as the template reads them (a suppressed count stays
     * {@value PublicFigures#FEWER}); each distribution a list in the reader's order, since the
     * outbox stores the model as JSON with sorted keys.
     */
    private static Map<String, Object> care(CareFigures care) {
        Map<String, Object> view = new HashMap<>();
        view.put("checkIns", inOrder(care.checkIns()));
        view.put("answers", care.surveyAnswers());
        view.put("met", inOrder(care.met()));
        view.put("usefulness", inOrder(care.usefulness()));
        view.put("median", median(care.usefulnessMedian()));
        view.put("recommend", inOrder(care.recommend()));
        view.put("recommendShare", care.recommendShare() == null ? "" : String.valueOf(care.recommendShare()));
        view.put("mayQuote", care.mayQuote());
        return view;
    }

    private static List<Map<String, Object>> inOrder(Map<String, Object> counts) {
        return counts.entrySet().stream().<Map<String, Object>>map(e -> Map.of("key", e.getKey(), "count", e.getValue()))
                .toList();
    }

    /** A median as written: "4" or "3.5", empty when not published. */
    private static String median(Double median) {
        if (median == null) {
            return "";
        }
        return median == Math.rint(median) ? Long.toString(Math.round(median)) : median.toString();
    }
}
