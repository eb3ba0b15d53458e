package org.iln.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CsvSheetTest {

    @Nested
    class A_cell {

        @ParameterizedTest(name = "{0} is written as {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plain|plain",
            "a,b|`\"a,b\"`",
            "say \"hi\"|`\"say \"\"hi\"\"\"`",
            "=HYPERLINK(1)|'=HYPERLINK(1)",
            "+1|'+1",
            "-2+3|'-2+3",
            "@SUM(A1)|'@SUM(A1)",
            "`=1,2`|`\"'=1,2\"`"})
        void is_quoted_when_needed_and_never_read_as_a_formula(String value, String written) {
            assertThat(CsvSheet.cell(value)).isEqualTo(written);
        }

        @Test
        void holding_a_line_break_stays_one_quoted_field() {
            assertThat(CsvSheet.cell("two\nlines")).isEqualTo("\"two\nlines\"");
            assertThat(CsvSheet.cell("\rx")).isEqualTo("\"'\rx\"");
        }
    }

    @Nested
    class A_sheet {

        @Test
        void is_a_header_then_one_crlf_line_per_row() {
            CsvSheet sheet = new CsvSheet("draft-2027-1.csv", List.of("id", "name"),
                    List.of(List.of("p-1", "Ana, María"), List.of("p-2", "=cmd")));

            assertThat(sheet.text()).isEqualTo("id,name\r\np-1,\"Ana, María\"\r\np-2,'=cmd\r\n");
        }

        @Test
        void refuses_a_row_of_the_wrong_length_and_a_file_name_that_could_escape() {
            assertThatThrownBy(() -> new CsvSheet("a.csv", List.of("id"), List.of(List.of("1", "2"))))
                    .hasMessageContaining("1 cells");
            assertThatThrownBy(() -> new CsvSheet("../a.csv", List.of("id"), List.of()))
                    .hasMessageContaining("filename");
        }

        @Test
        void survives_the_outbox_model_and_travels_as_an_attachment_after_the_readable_parts() throws Exception {
            // given a model as the dispatcher reads it back from the table
            CsvSheet sheet = new CsvSheet("draft.csv", List.of("id"), List.of(List.of("@x")));
            Map<String, Object> model = Map.of(CsvSheet.MODEL_KEY, sheet.toModel());
            MailRenderer.RenderedMail mail = new MailRenderer.RenderedMail("Draft", "text part", "<p>html</p>",
                    CsvSheet.fromModel(model));
            Envelope envelope = new Envelope("team@example.org", "hash", "coordinator-draft", model, Optional.empty(),
                    List.of());

            // when
            byte[] raw = new MimeComposer("noreply@iln.example.org").compose(envelope, mail, "x@iln.example.org",
                    Instant.EPOCH);

            // then
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            assertThat(message.isMimeType("multipart/mixed")).isTrue();
            Multipart mixed = (Multipart) message.getContent();
            assertThat(mixed.getBodyPart(0).isMimeType("multipart/alternative")).isTrue();
            Part file = mixed.getBodyPart(1);
            assertThat(file.isMimeType("text/csv")).isTrue();
            assertThat(file.getFileName()).isEqualTo("draft.csv");
            assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
            assertThat(new String(file.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("id\r\n'@x\r\n");
        }

        @Test
        void is_absent_from_a_model_without_one() {
            assertThat(CsvSheet.fromModel(Map.of("givenName", "Ana"))).isEmpty();
        }
    }
}
