package org.iln.round;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.iln.mail.CsvSheet;
import org.iln.matching.MatchResult;
import org.iln.matching.Reason;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.store.Application;

/**
 * A draft as coordinators review it: one row per proposed partnership (ids, names, countries,
 * score, reasons, pinned or not) and one per person left unmatched (with the reason), the same
 * rows in the mail and in its CSV attachment.
 *
 * <p>{@link #seenBy(CoordinatorScope)} keeps what one coordinator may see: the programme team
 * sees every row, a Country Coordinator only the rows that involve their country.
 *
 * @param round the round id
 * @param rows partnerships first (in the matcher's order), then the unmatched
 */
public record DraftRows(String round, List<Row> rows) {

    /**
     * The catalogue keys of the CSV's header, in the order of {@link Row#cells}: worded in the
     * reader's language, as a coordinator opening the sheet in a spreadsheet expects (no code reads
     * the sheet back; pins and forbids go in by the page or as {@code id,id} files).
     */
    public static final List<String> COLUMNS = List.of("sheet.draft.kind", "sheet.draft.partnership",
            "sheet.draft.ids", "sheet.draft.names", "sheet.draft.countries", "sheet.draft.score", "sheet.draft.pinned",
            "sheet.draft.reasons");

    public DraftRows {
        Objects.requireNonNull(round, "round");
        rows = List.copyOf(rows);
    }

    /**
     * One line of the draft.
     *
     * @param kind {@code pair}, {@code group of three} or {@code not matched} (worded as {@code page.coordinator.kind})
     * @param partnership the proposed partnership's id (what a coordinator holds), empty when not matched
     * @param ids participant ids
     * @param names each person's given and family name, in the order of {@code ids}
     * @param countries each person's country code, in the order of {@code ids}
     * @param score the partnership's score, 0 when not matched
     * @param pinned whether a coordinator pinned the pair
     * @param reasons why they were paired, or why the person was not matched: {@link Reason} codes
     *                (or sentences stored before reasons were data), worded when read
     */
    public record Row(String kind, String partnership, List<String> ids, List<String> names, List<String> countries,
                      int score, boolean pinned, List<String> reasons) {

        public Row {
            ids = List.copyOf(ids);
            names = List.copyOf(names);
            countries = List.copyOf(countries);
            reasons = List.copyOf(reasons);
        }

        /** Whether someone of this country is in the row. */
        public boolean involves(String country) {
            return countries.contains(country);
        }

        List<String> cells(CompiledCatalogue words) {
            return List.of(kind(words), partnership, String.join(" / ", ids), String.join(" / ", names),
                    String.join(" / ", countries), String.valueOf(score),
                    pinned ? words.format("sheet.yes") : "", String.join("; ", worded(words)));
        }

        /** The kind as the reader calls it ("pair", "pareja"). */
        String kind(CompiledCatalogue words) {
            return words.format("page.coordinator.kind", kind.replace(' ', '_'));
        }

        /** The reasons as coordinators read them in {@code words}' language, naming people by participant id. */
        List<String> worded(CompiledCatalogue words) {
            return reasons.stream().map(r -> Reason.word(r, Reason.coordinators(words), words)).toList();
        }

        Map<String, Object> toModel(CompiledCatalogue words) {
            Map<String, Object> row = new HashMap<>();
            row.put("kind", kind);
            row.put("partnership", partnership);
            row.put("ids", String.join(" / ", ids));
            row.put("names", String.join(" / ", names));
            row.put("countries", String.join(" / ", countries));
            row.put("score", score);
            row.put("pinned", pinned);
            row.put("reasons", worded(words));
            return row;
        }
    }

    /**
     * The rows of a matcher's result, with the names and countries of the people in it; the
     * matcher's reasons stay codes until a coordinator's mail or page words them.
     */
    public static DraftRows of(MatchResult result, Map<String, Application> people) {
        List<Row> rows = new ArrayList<>();
        for (MatchResult.Partnership p : result.partnerships()) {
            rows.add(new Row(p.members().size() == 2 ? "pair" : "group of three",
                    PartnershipStore.pairId(result.round(), p.members()), p.members(),
                    p.members().stream().map(id -> name(people.get(id))).toList(),
                    p.members().stream().map(id -> country(people.get(id))).toList(), p.score(), p.pinned(),
                    p.reasons()));
        }
        for (MatchResult.Unmatched u : result.unmatched()) {
            rows.add(new Row("not matched", "", List.of(u.id()), List.of(name(people.get(u.id()))),
                    List.of(country(people.get(u.id()))), 0, false, List.of(u.reason())));
        }
        return new DraftRows(result.round(), rows);
    }

    /** The rows this coordinator may see. */
    public DraftRows seenBy(CoordinatorScope scope) {
        return new DraftRows(round, rows.stream().filter(r -> scope.sees(r.countries())).toList());
    }

    /** The rows as a page's template reads them, worded in {@code words}' language. */
    public List<Map<String, Object>> toModel(CompiledCatalogue words) {
        return rows.stream().map(r -> r.toModel(words)).toList();
    }

    /** The rows as a CSV attachment named for the round and the day, worded in {@code words}' language. */
    public CsvSheet sheet(String day, CompiledCatalogue words) {
        return new CsvSheet("draft-" + round + "-" + day + ".csv", COLUMNS.stream().map(words::format).toList(),
                rows.stream().map(r -> r.cells(words)).toList());
    }

    private static String name(Application a) {
        return a == null ? "" : (a.profile().givenName() + " " + a.profile().familyName()).strip();
    }

    private static String country(Application a) {
        return a == null ? "" : a.profile().country();
    }
}
