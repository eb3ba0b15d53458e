package org.iln.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** A reason is stored as data and worded for each reader, in the reader's language. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReasonTest {

    private static final Map<String, String> NAMES = Map.of("p-1", "Ana", "p-2", "Ravi", "p-3", "Lena");

    /** p-1 reads, partners by given name, interests by a label of their own. */
    private static Reason.Reader reader(String me) {
        return new Reason.Reader() {
            @Override
            public boolean isReader(String id) {
                return id.equals(me);
            }

            @Override
            public String name(String id) {
                return NAMES.get(id);
            }

            @Override
            public String interest(String id) {
                return "[" + id + "]";
            }

            @Override
            public String region(String name) {
                return name;
            }
        };
    }

    private static CompiledCatalogue words(String tag) {
        return CompiledCatalogues.bundled().of(tag);
    }

    @Test
    void a_code_keeps_its_key_and_arguments() {
        Reason reason = Reason.of("wish.region", "p-2", "Asia");
        assertThat(reason.code()).isEqualTo("reason.wish.region|p-2|Asia");
        assertThat(Reason.parse(reason.code())).contains(reason);
    }

    @Test
    void the_reader_is_you_and_the_partner_is_named_in_the_readers_language() {
        String wish = Reason.of("wish.laterStage", "p-2").code();
        assertThat(Reason.word(wish, reader("p-1"), words("en"))).isEqualTo("Ravi asked for someone later in their career");
        assertThat(Reason.word(wish, reader("p-2"), words("en"))).isEqualTo("you asked for someone later in their career");
        assertThat(Reason.word(wish, reader("p-1"), words("es")))
                .isEqualTo("Ravi pidió a alguien en una etapa posterior de su carrera");
        assertThat(Reason.word(wish, reader("p-2"), words("ar"))).isEqualTo("طلبتَ شخصًا في مرحلة مهنية لاحقة");
    }

    @Test
    void sectors_interests_and_hours_are_worded_in_the_readers_language() {
        assertThat(Reason.word(Reason.of("sameSector", "academic").code(), reader("p-1"), words("es")))
                .isEqualTo("ambos trabajan en bibliotecas universitarias");
        assertThat(Reason.word(Reason.of("sharedInterests", "open-access", "copyright").code(), reader("p-1"), words("en")))
                .isEqualTo("shared interests: [open-access], [copyright]");
        assertThat(Reason.word(Reason.of("sharedInterests", "open-access").code(), reader("p-1"), words("ar")))
                .isEqualTo("اهتمام مشترك: [open-access]");
        assertThat(Reason.word(Reasons.timeApart(60).code(), reader("p-1"), words("en"))).isEqualTo("1 hour apart");
        assertThat(Reason.word(Reasons.timeApart(150).code(), reader("p-1"), words("en"))).isEqualTo("2.5 hours apart");
    }

    @Test
    void in_a_group_of_three_each_reason_names_its_pair_for_every_reader() {
        String stored = Reason.pair("p-1", "p-2", Reason.of("sameSector", "public").code());
        assertThat(Reason.word(stored, reader("p-1"), words("en"))).isEqualTo("you and Ravi: you both work in public libraries");
        assertThat(Reason.word(stored, reader("p-3"), words("en"))).isEqualTo("Ana and Ravi: they both work in public libraries");
        assertThat(Reason.word(stored, reader("p-3"), words("es")))
                .isEqualTo("Ana y Ravi: ambas personas trabajan en bibliotecas públicas");
    }

    @Test
    void a_sentence_stored_before_reasons_were_data_is_shown_as_it_is() {
        assertThat(Reason.word("you both work in academic libraries", reader("p-1"), words("ar")))
                .isEqualTo("you both work in academic libraries");
    }

    @Test
    void why_someone_was_left_out_is_worded_for_the_coordinators_with_each_languages_plural_forms() {
        assertThat(forCoordinators("reason.unmatched.noneEligible|1|0|1|0", "en")).isEqualTo(
                "no eligible partner: of 1 who shares a language, 0 work in the same country, 1 is in an excluded"
                        + " country and 0 are previous partners or forbidden");
        assertThat(forCoordinators("reason.unmatched.noneEligible|5|2|1|2", "es"))
                .isEqualTo("ninguna pareja posible: de 5 personas que comparten un idioma, 2 trabajan en el mismo"
                        + " país, 1 está en un país excluido y 2 fueron parejas antes o están prohibidas");
        assertThat(forCoordinators("reason.unmatched.sameCountry|AU", "en"))
                .isEqualTo("no eligible partner: everyone who shares a language works in the same country (AU)");
        assertThat(forCoordinators("reason.unmatched.allTaken|3", "ar"))
                .containsPattern("\\p{InArabic}").doesNotContainPattern("[A-Za-z]");
    }

    @Test
    void the_rule_a_hand_pairing_breaks_is_worded_in_the_coordinators_language() {
        assertThat(forCoordinators("reason.rule.excluded|p-2|GB", "en"))
                .isEqualTo("p-2 excluded partners from GB");
        assertThat(forCoordinators("reason.rule.sameCountry|AU", "es"))
                .isEqualTo("las parejas deben trabajar en países distintos (ambas personas en AU)");
        assertThat(forCoordinators("reason.rule.forbidden", "ar"))
                .containsPattern("\\p{InArabic}").doesNotContainPattern("[A-Za-z]");
    }

    @Test
    void the_coordinators_in_their_language_read_interests_by_their_label_and_regions_by_cldr() {
        assertThat(forCoordinators("reason.sharedInterests|open-access", "es"))
                .isEqualTo("interés en común: " + words("es").format("choice.interest.open-access"));
        assertThat(forCoordinators("reason.wish.region|p-3|Americas", "es"))
                .isEqualTo("p-3 pidió una pareja en " + words("es").regionName("Americas"));
    }

    @Test
    void the_coordinators_read_the_matchers_own_words_naming_ids() {
        assertThat(Reason.word(Reason.of("waited", "p-3", "70").code(), Reason.coordinators(), words("en")))
                .isEqualTo("p-3 has waited 70 days for a partner");
    }

    @Test
    void a_pair_reads_you_both_and_the_coordinators_read_they_both_in_their_language() {
        String sector = Reason.of("sameSector", "public").code();
        String zone = Reason.of("sameTimeZone").code();
        assertThat(Reason.word(sector, reader("p-1"), words("en"))).isEqualTo("you both work in public libraries");
        assertThat(Reason.word(zone, reader("p-1"), words("en"))).isEqualTo("you are in the same time zone");
        assertThat(forCoordinators(sector, "en"))
                .isEqualTo("they both work in public libraries");
        assertThat(Reason.word(zone, Reason.coordinators(), words("en"))).isEqualTo("they are in the same time zone");
        assertThat(forCoordinators(zone, "ar"))
                .isEqualTo(words("ar").format("reason.sameTimeZone", "they"))
                .isNotEqualTo(Reason.word(zone, reader("p-1"), words("ar")));
        assertThat(forCoordinators(sector, "es"))
                .isEqualTo(words("es").format("reason.sameSector", "they", "bibliotecas públicas"));
    }

    @Test
    void a_pin_the_matcher_refuses_is_worded_for_the_coordinators_with_the_rule_it_breaks() {
        String refused = Reason.pinRefused("p-1", "p-7", Reason.of("rule.sameCountry", "AU").code()).code();
        assertThat(Reason.parse(refused)).hasValueSatisfying(r -> assertThat(r.arguments())
                .containsExactly("p-1", "p-7", "reason.rule.sameCountry|AU"));
        assertThat(forCoordinators(refused, "en")).isEqualTo(
                "p-1 and p-7 are paired by hand but cannot be partners: partners must work in different countries"
                        + " (both in AU)");
        assertThat(forCoordinators(refused, "es")).isEqualTo(
                "p-1 y p-7 se emparejaron a mano, pero no pueden ser pareja: las parejas deben trabajar en países"
                        + " distintos (ambas personas en AU)");
        assertThat(forCoordinators(refused, "ar"))
                .contains("p-1", "p-7", "AU").containsPattern("\\p{InArabic}")
                .doesNotContain("partners", "hand");
        assertThat(forCoordinators(Reason.of("pin.twice", "p-3").code(), "es"))
                .isEqualTo("p-3 se emparejó a mano con dos personas");
    }

    /** A stored reason as a coordinator reading in {@code language} reads it. */
    private static String forCoordinators(String stored, String language) {
        return Reason.word(stored, Reason.coordinators(words(language)), words(language));
    }
}
