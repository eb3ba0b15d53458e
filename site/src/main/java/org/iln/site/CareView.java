package org.iln.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A round's check-in and survey figures as the statistics and round summary pages show them:
 * sections of counts (each at least 5 or "fewer than 5", in a {@code table.figures} like the
 * participation tables), then the median and the share who would recommend, when published.
 */
final class CareView {

    /** The choices in the order a reader expects them (the document sorts its keys). */
    private static final List<String> CHECK_INS = List.of("met", "arranging", "no-reply");
    private static final List<String> MET = List.of("never", "once", "a-few-times", "monthly");
    private static final List<String> USEFULNESS = List.of("1", "2", "3", "4", "5");
    private static final List<String> RECOMMEND = List.of("yes", "not-sure", "no");

    private CareView() {
    }

    /** The view of {@code care} in {@code edition}'s language. */
    static Map<String, Object> of(Figures.Care care, Edition edition) {
        List<Map<String, Object>> sections = new ArrayList<>();
        sections.add(section(edition, "checkIns", rows(edition, care.checkIns(), CHECK_INS, "figures.care.checkIn.")));
        List<Map<String, Object>> survey = new ArrayList<>();
        survey.add(row(edition, edition.message("figures.care.answers"), care.answers()));
        survey.add(row(edition, edition.message("figures.care.mayQuote"), care.mayQuote()));
        sections.add(section(edition, "survey", survey));
        sections.add(section(edition, "met", rows(edition, care.met(), MET, "figures.care.met.")));
        List<Map<String, Object>> usefulness = new ArrayList<>();
        for (String score : USEFULNESS) {
            if (care.usefulness().containsKey(score)) {
                usefulness.add(row(edition, edition.message("figures.care.score", edition.number(Long.parseLong(score))),
                        care.usefulness().get(score)));
            }
        }
        sections.add(section(edition, "usefulness", usefulness));
        sections.add(section(edition, "recommend", rows(edition, care.recommend(), RECOMMEND, "figures.care.recommend.")));
        List<String> facts = new ArrayList<>();
        care.median().ifPresent(m -> facts.add(edition.message("figures.care.median", edition.decimal(m))));
        care.recommendShare().ifPresent(s -> facts.add(edition.message("figures.care.share", edition.number(s))));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sections", sections);
        view.put("facts", facts);
        return view;
    }

    private static List<Map<String, Object>> rows(Edition edition, Map<String, Optional<Integer>> counts,
                                                  List<String> order, String prefix) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : order) {
            if (counts.containsKey(key)) {
                rows.add(row(edition, edition.message(prefix + key), counts.get(key)));
            }
        }
        return rows;
    }

    private static Map<String, Object> section(Edition edition, String id, List<Map<String, Object>> rows) {
        return Map.of("id", id, "title", edition.message("figures.care." + id), "rows", rows);
    }

    private static Map<String, Object> row(Edition edition, String label, Optional<Integer> count) {
        return Map.of("label", label,
                "text", count.map(edition::number)
                        .orElseGet(() -> edition.message("figures.fewer", edition.number(Figures.THRESHOLD))),
                "fewer", count.isEmpty());
    }
}
