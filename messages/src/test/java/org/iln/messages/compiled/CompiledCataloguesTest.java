package org.iln.messages.compiled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iln.messages.Catalogue;
import org.iln.messages.Catalogues;
import org.iln.messages.Language;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The compiled catalogues, read with the JDK alone, say exactly what ICU4J says from the
 * committed ones: every message with sample arguments, plural forms, dates, numbers and names.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CompiledCataloguesTest {

    private static final long[] COUNTS = {0, 1, 2, 3, 5, 11, 21, 100, 101, 102, 103, 111, 1000, 1001, 12345, 1_000_000};

    private final Catalogues catalogues = Catalogues.bundled();
    private final CompiledCatalogues compiled = CompiledCatalogues.bundled();

    @Test
    void have_the_languages_of_languages_txt_in_order() {
        assertThat(compiled.tags()).isEqualTo(catalogues.languages().stream().map(Language::tag).toList());
        for (Language language : catalogues.languages()) {
            CompiledCatalogue catalogue = compiled.of(language.tag());
            assertThat(catalogue.direction()).isEqualTo(language.direction());
            assertThat(catalogue.ownName()).isEqualTo(language.ownName());
        }
        assertThat(compiled.of("ar").direction()).isEqualTo("rtl");
    }

    @Test
    void choose_the_plural_form_icu_chooses_for_every_whole_number_to_ten_thousand_and_beyond() {
        for (Language language : catalogues.languages()) {
            com.ibm.icu.text.PluralRules icu = com.ibm.icu.text.PluralRules.forLocale(language.formatLocale());
            CompiledCatalogue catalogue = compiled.of(language.tag());
            for (long n = 0; n <= 10_000; n++) {
                assertThat(catalogue.pluralCategory(n)).as("%s %d", language.tag(), n).isEqualTo(icu.select(n));
            }
            for (long n : new long[] {100_000, 100_003, 1_000_000, 1_000_011, 2_000_000, 123_456_789}) {
                assertThat(catalogue.pluralCategory(n)).as("%s %d", language.tag(), n).isEqualTo(icu.select(n));
            }
        }
    }

    @Test
    void format_every_message_of_every_language_as_icu_does() {
        int checked = 0;
        for (Language language : catalogues.languages()) {
            Catalogue catalogue = catalogues.of(language);
            for (String key : catalogue.keys()) {
                String pattern = catalogue.pattern(key);
                for (Object[] arguments : samples(pattern)) {
                    String expected = new MessageFormat(pattern, language.locale()).format(arguments);
                    assertThat(compiled.of(language.tag()).format(key, arguments))
                            .as("%s %s %s", language.tag(), key, List.of(arguments)).isEqualTo(expected);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(400);
    }

    @Test
    void write_dates_and_numbers_in_each_language_as_icu_does() {
        for (Language language : catalogues.languages()) {
            DateFormat icu = DateFormat.getDateInstance(DateFormat.LONG, language.formatLocale());
            icu.setTimeZone(TimeZone.getTimeZone("UTC"));
            CompiledCatalogue catalogue = compiled.of(language.tag());
            for (LocalDate day = LocalDate.of(2026, 12, 25); day.isBefore(LocalDate.of(2028, 1, 10)); day = day.plusDays(1)) {
                Date instant = Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
                assertThat(catalogue.date(day)).as("%s %s", language.tag(), day).isEqualTo(icu.format(instant));
            }
            NumberFormat numbers = NumberFormat.getIntegerInstance(language.formatLocale());
            for (long n : COUNTS) {
                assertThat(catalogue.number(n)).as("%s %d", language.tag(), n).isEqualTo(numbers.format(n));
            }
        }
        assertThat(compiled.of("es").date(LocalDate.of(2027, 3, 14))).isEqualTo("14 de marzo de 2027");
    }

    @Test
    void name_countries_and_languages_from_cldr_in_the_readers_language() {
        for (Language language : catalogues.languages()) {
            CompiledCatalogue catalogue = compiled.of(language.tag());
            for (String country : ULocale.getISOCountries()) {
                assertThat(catalogue.countryName(country))
                        .isEqualTo(ULocale.getDisplayCountry("und-" + country, language.locale()));
            }
            assertThat(catalogue.languageName("pt")).isEqualTo(ULocale.getDisplayLanguage("pt", language.locale()));
        }
        assertThat(compiled.of("es").countryName("BR")).isEqualTo("Brasil");
        assertThat(compiled.of("es").languageName("ar")).isEqualTo("árabe");
        assertThat(compiled.of("ar").countryName("ES")).isEqualTo("إسبانيا");
        assertThat(compiled.of("en").countryName("ZZZ")).isEqualTo("ZZZ");
    }

    @Test
    void give_english_for_an_unknown_empty_or_malformed_language() {
        for (String tag : new String[] {null, "", "xx", "ES", "es-\u202e", "../ar", "en' OR 1=1"}) {
            assertThat(compiled.of(tag).tag()).as(String.valueOf(tag)).isEqualTo("en");
        }
        assertThat(compiled.of("ar").tag()).isEqualTo("ar");
    }

    @Test
    void name_the_key_and_the_language_of_a_missing_message() {
        assertThatThrownBy(() -> compiled.of("es").format("no.such.key"))
                .hasMessageContaining("no.such.key").hasMessageContaining("es");
    }

    @Test
    void refuse_argument_types_the_functions_cannot_format_naming_the_key() {
        Map<String, String> entries = new TreeMap<>(CompiledCatalogues.bundled().of("en").entriesForTest());
        entries.put("bad.key", "Sent {0, date, long}");
        assertThatThrownBy(() -> new CompiledCatalogue("en", entries))
                .hasMessageContaining("bad.key").hasMessageContaining("date");
    }

    /** Arguments for each form the pattern can take: every count for plurals, every keyword for selects. */
    private static List<Object[]> samples(String pattern) {
        MessagePattern parsed = new MessagePattern(pattern);
        Map<Integer, List<Object>> values = new TreeMap<>();
        for (int i = 0; i < parsed.countParts(); i++) {
            MessagePattern.Part part = parsed.getPart(i);
            if (part.getType() != MessagePattern.Part.Type.ARG_START) {
                continue;
            }
            int number = parsed.getPart(i + 1).getValue();
            List<Object> options = values.computeIfAbsent(number, n -> new ArrayList<>());
            switch (part.getArgType()) {
                case PLURAL -> {
                    for (long n : COUNTS) {
                        options.add(n);
                    }
                }
                case SELECT -> {
                    int limit = parsed.getLimitPartIndex(i);
                    for (int j = i + 2; j < limit; j++) {
                        MessagePattern.Part selector = parsed.getPart(j);
                        if (selector.getType() == MessagePattern.Part.Type.ARG_SELECTOR) {
                            options.add(parsed.getSubstring(selector));
                            j = parsed.getLimitPartIndex(j + 1);
                        }
                    }
                    options.add("none-of-these");
                }
                default -> options.add("«" + number + " \u05d0 '}»");
            }
        }
        int rows = values.values().stream().mapToInt(List::size).max().orElse(1);
        int width = values.isEmpty() ? 0 : values.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<Object[]> out = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            Object[] arguments = new Object[width];
            for (int a = 0; a < width; a++) {
                List<Object> options = values.getOrDefault(a, List.of("unused"));
                arguments[a] = options.get(row % options.size());
            }
            out.add(arguments);
        }
        return out;
    }
}
