package org.iln.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CataloguesTest {

    @Nested
    class The_committed_catalogues {

        private final Catalogues catalogues = Catalogues.bundled();

        @Test
        void list_english_first_then_spanish_and_arabic() {
            assertThat(catalogues.languages()).extracting(Language::tag).containsExactly("en", "es", "ar");
            assertThat(catalogues.defaultLanguage().tag()).isEqualTo("en");
        }

        @Test
        void have_the_same_keys_in_every_language() {
            var english = catalogues.of(catalogues.defaultLanguage()).keys();
            for (Language language : catalogues.languages()) {
                assertThat(catalogues.of(language).keys()).as(language.tag()).isEqualTo(english);
            }
        }

        /**
         * What the functions word in Java for coordinators and clients (why someone was left out,
         * a broken rule, a refused pin, the sheets' headers, the audit lines, the coordinators'
         * refusals, the API's technical refusals) is translated: no value of these keys is the
         * English one, but the audit line's layout, which is only its values.
         */
        @Test
        void leave_none_of_the_texts_worded_in_java_in_english() {
            Catalogue english = catalogues.of(catalogues.defaultLanguage());
            List<String> prefixes = List.of("reason.unmatched.", "reason.rule.", "reason.pin.", "sheet.", "audit.",
                    "coordinator.error.", "coordinator.refused.", "page.api.", "error.body.");
            List<String> keys = english.keys().stream().filter(k -> prefixes.stream().anyMatch(k::startsWith))
                    .filter(k -> !k.equals("audit.line")).toList();
            assertThat(keys).hasSizeGreaterThan(40);
            for (Language language : catalogues.languages()) {
                if (language.equals(catalogues.defaultLanguage())) {
                    continue;
                }
                Catalogue translated = catalogues.of(language);
                assertThat(keys).as(language.tag()).allSatisfy(key -> assertThat(translated.pattern(key)).as(key)
                        .isNotEqualTo(english.pattern(key)));
            }
        }

        @Test
        void know_arabic_is_written_right_to_left_and_name_each_language_in_itself() {
            assertThat(catalogues.languages()).extracting(Language::direction).containsExactly("ltr", "ltr", "rtl");
            assertThat(catalogues.languages()).extracting(Language::ownName).containsExactly("English", "Español", "العربية");
        }

        @Test
        void pick_each_language_s_plural_form_from_cldr() {
            Catalogue english = catalogues.of(new Language("en"));
            Catalogue arabic = catalogues.of(new Language("ar"));
            assertThat(english.format("tags.count", 1)).isEqualTo("1 point");
            assertThat(english.format("tags.count", 2)).isEqualTo("2 points");
            // Arabic: a form for two, another for three to ten, another for eleven to ninety-nine
            assertThat(arabic.format("tags.count", 1)).isEqualTo("موضوع واحد");
            assertThat(arabic.format("tags.count", 2)).isEqualTo("موضوعان");
            assertThat(arabic.format("tags.count", 3)).endsWith("موضوعات");
            assertThat(arabic.format("tags.count", 11)).endsWith("موضوعًا");
            assertThat(arabic.format("tags.count", 100)).endsWith("موضوع");
        }

        @Test
        void refuse_a_key_they_lack_naming_the_key_and_the_language() {
            Catalogue spanish = catalogues.of(new Language("es"));
            assertThatThrownBy(() -> spanish.format("no.such.key"))
                    .isInstanceOf(CatalogueException.class)
                    .hasMessageContaining("'no.such.key'").hasMessageContaining("Spanish");
        }

        @Test
        void find_a_known_language_and_nothing_for_an_unknown_or_malformed_tag() {
            assertThat(catalogues.find("ar")).contains(new Language("ar"));
            assertThat(catalogues.find("xx")).isEmpty();
            assertThat(catalogues.find("<script>")).isEmpty();
        }
    }

    @Nested
    class A_translator_s_folder {

        @TempDir
        Path folder;

        @Test
        void missing_a_key_is_refused_naming_the_key_the_file_and_the_language() throws IOException {
            copyCommitted();
            Path spanish = folder.resolve("es.properties");
            Files.writeString(spanish, Files.readString(spanish).replaceAll("(?m)^nav\\.faq=.*\\n", ""));

            assertThatThrownBy(() -> Catalogues.from(folder))
                    .isInstanceOf(CatalogueException.class)
                    .hasMessageContaining("es.properties: message 'nav.faq' is missing (Spanish)");
        }

        @Test
        void listing_a_language_without_its_catalogue_is_refused_saying_what_to_do() throws IOException {
            copyCommitted();
            Files.writeString(folder.resolve("languages.txt"), "en\nes\nar\nfr\n");

            assertThatThrownBy(() -> Catalogues.from(folder))
                    .isInstanceOf(CatalogueException.class)
                    .hasMessageContaining("fr.properties: missing: French is listed in languages.txt")
                    .hasMessageContaining("copy en.properties");
        }

        @Test
        void a_key_only_a_translation_has_is_refused_as_a_likely_typo() throws IOException {
            copyCommitted();
            Files.writeString(folder.resolve("ar.properties"), "nav.fqa=الأسئلة\n", java.nio.file.StandardOpenOption.APPEND);

            assertThatThrownBy(() -> Catalogues.from(folder))
                    .hasMessageContaining("ar.properties: message 'nav.fqa' (Arabic) is not in en.properties");
        }

        @Test
        void a_malformed_pattern_is_refused_naming_the_key_and_the_language() throws IOException {
            copyCommitted();
            Path spanish = folder.resolve("es.properties");
            Files.writeString(spanish, Files.readString(spanish).replace("tags.count={0, plural,", "tags.count={0, plurl,"));

            assertThatThrownBy(() -> Catalogues.from(folder))
                    .hasMessageContaining("message 'tags.count' (Spanish): not a valid ICU message pattern");
        }

        private void copyCommitted() throws IOException {
            for (String name : List.of("languages.txt", "en.properties", "es.properties", "ar.properties")) {
                try (InputStream in = Catalogues.class.getResourceAsStream("/org/iln/messages/" + name)) {
                    Files.copy(in, folder.resolve(name));
                }
            }
        }
    }
}
