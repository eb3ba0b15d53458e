package org.iln.figures;

import static org.iln.figures.PublicFigures.FEWER;
import static org.iln.figures.PublicFigures.THRESHOLD;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.iln.round.CareStore.CheckInAnswer;
import org.iln.survey.SurveyAnswer;
import org.iln.survey.SurveyStore;

/**
 * A round's check-in and survey figures as published: counts of answers, never an answer, never
 * the survey's free text, with every count under {@value PublicFigures#THRESHOLD} written
 * {@value PublicFigures#FEWER}.
 *
 * <p>Against differencing: in each distribution (the check-in answers, how often people met,
 * usefulness, recommendation) a single suppressed cell could be recovered from the total or the
 * others, so when exactly one cell is suppressed the smallest shown cell is suppressed too. The
 * median and the share who would recommend are published only when at least
 * {@value PublicFigures#THRESHOLD} answered, the share only when its count is shown.
 *
 * @param checkIns per check-in answer ({@code met}, {@code arranging}, {@code no-reply}), a count
 * @param surveyAnswers how many answered the survey
 * @param met per "how often did you meet" choice ({@code never}, {@code once}...), a count
 * @param usefulness per usefulness score {@code 1} to {@code 5}, a count
 * @param usefulnessMedian the median usefulness score, or null when fewer than five answered
 * @param recommend per choice ({@code yes}, {@code not-sure}, {@code no}), a count
 * @param recommendShare the percentage who would recommend the programme (whole), or null when not shown
 * @param mayQuote how many allowed an anonymous quote
 */
public record CareFigures(Map<String, Object> checkIns, Object surveyAnswers, Map<String, Object> met,
                          Map<String, Object> usefulness, Double usefulnessMedian, Map<String, Object> recommend,
                          Integer recommendShare, Object mayQuote) {

    public CareFigures {
        checkIns = cells("checkIns", checkIns);
        check("surveyAnswers", surveyAnswers);
        met = cells("met", met);
        usefulness = cells("usefulness", usefulness);
        recommend = cells("recommend", recommend);
        check("mayQuote", mayQuote);
        if (usefulnessMedian != null && (usefulnessMedian < 1 || usefulnessMedian > 5)) {
            throw new IllegalArgumentException("usefulnessMedian must be 1..5, was " + usefulnessMedian);
        }
        if (recommendShare != null && (recommendShare < 0 || recommendShare > 100)) {
            throw new IllegalArgumentException("recommendShare must be 0..100, was " + recommendShare);
        }
    }

    /** The published figures of a round's check-in answers and survey choices. */
    static CareFigures of(Collection<CheckInAnswer> checkIns, List<SurveyStore.Choices> answers) {
        Map<CheckInAnswer, Integer> byAnswer = new EnumMap<>(CheckInAnswer.class);
        for (CheckInAnswer answer : CheckInAnswer.values()) {
            byAnswer.put(answer, 0);
        }
        checkIns.forEach(a -> byAnswer.merge(a, 1, Integer::sum));
        Map<String, Integer> checkInCounts = new LinkedHashMap<>();
        byAnswer.forEach((answer, n) -> checkInCounts.put(key(answer.name()), n));

        Map<String, Integer> met = new LinkedHashMap<>();
        for (SurveyAnswer.Met choice : SurveyAnswer.Met.values()) {
            met.put(choice.id(), (int) answers.stream().filter(a -> a.met() == choice).count());
        }
        Map<String, Integer> usefulness = new LinkedHashMap<>();
        for (int score = 1; score <= 5; score++) {
            int s = score;
            usefulness.put(Integer.toString(score), (int) answers.stream().filter(a -> a.usefulness() == s).count());
        }
        Map<String, Integer> recommend = new LinkedHashMap<>();
        for (SurveyAnswer.Recommend choice : SurveyAnswer.Recommend.values()) {
            recommend.put(choice.id(), (int) answers.stream().filter(a -> a.recommend() == choice).count());
        }
        int answered = answers.size();
        Map<String, Object> recommendShown = distribution(recommend);
        Integer share = answered >= THRESHOLD && recommendShown.get("yes") instanceof Integer yes
                ? (int) Math.round(100.0 * yes / answered) : null;
        return new CareFigures(distribution(checkInCounts), count(answered), distribution(met),
                distribution(usefulness), answered >= THRESHOLD ? median(answers) : null, recommendShown, share,
                count((int) answers.stream().filter(SurveyStore.Choices::mayQuote).count()));
    }

    /** No answers at all (a round before its check-ins). */
    static CareFigures none() {
        return of(List.of(), List.of());
    }

    /** A count as published: the number when at least the threshold, else {@value PublicFigures#FEWER}. */
    static Object count(int n) {
        return n >= THRESHOLD ? n : FEWER;
    }

    /**
     * A distribution as published: each small cell suppressed and, when exactly one is, the
     * smallest shown one too, so that no cell is the total minus the shown ones.
     */
    static Map<String, Object> distribution(Map<String, Integer> exact) {
        Map<String, Object> shown = new LinkedHashMap<>();
        exact.forEach((k, n) -> shown.put(k, count(n)));
        List<String> suppressed = new ArrayList<>(shown.keySet().stream().filter(k -> FEWER.equals(shown.get(k))).toList());
        if (suppressed.size() == 1) {
            exact.entrySet().stream().filter(e -> !suppressed.contains(e.getKey()))
                    .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .ifPresent(e -> shown.put(e.getKey(), FEWER));
        }
        return shown;
    }

    private static double median(List<SurveyStore.Choices> answers) {
        List<Integer> scores = answers.stream().map(SurveyStore.Choices::usefulness).sorted(Comparator.naturalOrder())
                .toList();
        int middle = scores.size() / 2;
        return scores.size() % 2 == 1 ? scores.get(middle) : (scores.get(middle - 1) + scores.get(middle)) / 2.0;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Map<String, Object> cells(String field, Map<String, Object> cells) {
        Objects.requireNonNull(cells, field);
        cells.forEach((k, v) -> check(field + "." + k, v));
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    private static void check(String field, Object count) {
        boolean shown = count instanceof Integer n && n >= THRESHOLD;
        if (!shown && !FEWER.equals(count)) {
            throw new IllegalArgumentException(field + ": a published count must be " + THRESHOLD + " or more, or "
                    + FEWER);
        }
    }
}
