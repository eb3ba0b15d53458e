package org.iln.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.iln.messages.Catalogues;
import org.iln.site.Programme.Choices;
import org.iln.site.Programme.Round;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The home page's round status follows the bake date through a round's timeline. */
class RoundStatusTest {

    static final Round FIRST = new Round("2026-1", "Round 1, 2026", LocalDate.parse("2026-01-12"),
            LocalDate.parse("2026-02-09"), LocalDate.parse("2026-02-23"), LocalDate.parse("2026-02-23"),
            LocalDate.parse("2026-06-22"), 20, List.of());
    static final Round SECOND = new Round("2026-2", "Round 2, 2026", LocalDate.parse("2026-06-01"),
            LocalDate.parse("2026-06-29"), LocalDate.parse("2026-07-13"), LocalDate.parse("2026-07-13"),
            LocalDate.parse("2026-11-02"), 20, List.of());

    @ParameterizedTest(name = "on {0}: {1} {2}, next {3}")
    @CsvSource({
            "2026-01-01, next,     '',            'Round 1, 2026'",
            "2026-01-12, open,     'Round 1, 2026', 'Round 2, 2026'",
            "2026-02-09, open,     'Round 1, 2026', 'Round 2, 2026'",
            "2026-02-10, matching, 'Round 1, 2026', 'Round 2, 2026'",
            "2026-02-23, running,  'Round 1, 2026', 'Round 2, 2026'",
            "2026-06-05, open,     'Round 2, 2026', ''",
            "2026-07-01, matching, 'Round 2, 2026', ''",
            "2026-08-01, running,  'Round 2, 2026', ''",
            "2026-12-01, none,     '',            ''"})
    void the_status_follows_the_bake_date(String day, String phase, String round, String next) {
        // given two rounds, when the site is modelled on that day
        Programme programme = new Programme(List.of(FIRST, SECOND), List.of(),
                new Choices(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
        Catalogues catalogues = Catalogues.bundled();
        Edition english = new Edition(catalogues.defaultLanguage(), catalogues.of(catalogues.defaultLanguage()),
                catalogues.languages());
        Map<String, Object> site = new SiteModel(Map.of(), programme, List.of(), LocalDate.parse(day), false, english,
                Figures.NONE).site();

        // then the phase, the current round and the next round are as a participant would expect
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) site.get("status");
        assertThat(status.get("phase")).isEqualTo(phase);
        assertThat(((Map<?, ?>) status.get("round")).get("title")).isEqualTo(round.isEmpty() ? null : round);
        assertThat(((Map<?, ?>) status.get("next")).get("title")).isEqualTo(next.isEmpty() ? null : next);
        assertThat(status.get("applicationsOpen")).isEqualTo(phase.equals("open"));
    }
}
