package org.iln.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every message in the recipient's language, named in the model, with names isolated from the text around them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MailLanguageTest {

    private final MailRenderer renderer = new MailRenderer();

    private static Map<String, Object> model(String language) {
        Map<String, Object> model = new HashMap<>(MailTest.MODEL);
        model.put(Wording.LANGUAGE, language);
        model.put("givenName", "ليلى");
        model.put("partners", List.of(Map.of("givenName", "Ana", "familyName", "Silva", "country", "Brazil",
                "countryCode", "BR", "languages", List.of("pt", "ar"), "role", "Bibliotecária",
                "sector", "Public library", "interests", List.of("metadata"), "email", "ana@example.org")));
        return model;
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"confirm-address,es", "confirm-address,ar", "already-applied,es", "already-applied,ar",
            "confirmed,es", "confirmed,ar", "match-introduction,es", "match-introduction,ar", "new-partner,es",
            "new-partner,ar"})
    void a_converted_message_is_entirely_in_the_recipients_language(String template, String language) {
        // when
        MailRenderer.RenderedMail mail = renderer.render(template, model(language));
        MailRenderer.RenderedMail english = renderer.render(template, model("en"));

        // then: its subject and its wording differ from the English, and the page says its language
        assertThat(mail.subject()).isNotEqualTo(english.subject());
        assertThat(mail.html()).contains("<html lang=\"" + language + "\" dir=\"" + (language.equals("ar") ? "rtl" : "ltr") + "\">");
        assertThat(mail.text()).doesNotContain("Hello", "Thank you", "Your application", "Welcome", "Stop programme email");
    }

    @Test
    void the_spanish_introduction_names_the_partners_country_and_languages_from_cldr_in_spanish() {
        // when
        MailRenderer.RenderedMail mail = renderer.render("match-introduction", model("es"));

        // then
        assertThat(mail.subject()).isEqualTo("Conozca a su compañero de la International Librarians Network");
        assertThat(mail.text()).contains("País:      Brasil", "Idiomas:   portugués, árabe",
                "La ronda dura hasta el 22 de junio de 2026.", "Hola, \u2068ليلى\u2069:");
        assertThat(mail.html()).contains("<bdi>Ana Silva</bdi>", "Hola, <bdi>ليلى</bdi>:", "portugués, árabe");
    }

    @Test
    void the_arabic_introduction_is_right_to_left_with_arabic_names_and_isolated_latin_names() {
        // when
        MailRenderer.RenderedMail mail = renderer.render("match-introduction", model("ar"));

        // then
        assertThat(mail.html()).contains("dir=\"rtl\"", "<bdi>Ana Silva</bdi>", "البرازيل", "البرتغالية");
        assertThat(mail.text()).contains("\u2068Ana Silva\u2069", "البرازيل", "تستمر الجولة حتى 22 يونيو 2026.");
    }

    @Test
    void a_model_naming_no_language_or_an_unknown_one_is_rendered_in_english() {
        // when
        Map<String, Object> unknown = model("xx");
        MailRenderer.RenderedMail mail = renderer.render("confirm-address", unknown);

        // then
        assertThat(mail.subject()).isEqualTo("Please confirm your application to the International Librarians Network");
        assertThat(renderer.render("confirm-address", MailTest.MODEL).subject()).isEqualTo(mail.subject());
    }
}
