package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.iln.signup.SubmittedFields.MalformedBodyException;
import org.junit.jupiter.api.Test;

class SubmittedFieldsTest {

    private static SubmittedFields json(String body) throws MalformedBodyException {
        return SubmittedFields.fromJson(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void text_booleans_whole_numbers_and_lists_of_them_are_read_as_text() throws Exception {
        // when
        SubmittedFields fields = json("""
                {"givenName":"Ana","consentPrivacy":true,"maxPartners":2,"zero":-0,"big":123456789012345678901,
                 "languages":["pt","en"],"heardFrom":null}""");

        // then
        assertThat(fields.all("givenName")).containsExactly("Ana");
        assertThat(fields.all("consentPrivacy")).containsExactly("true");
        assertThat(fields.all("maxPartners")).containsExactly("2");
        assertThat(fields.all("zero")).containsExactly("0");
        assertThat(fields.all("big")).containsExactly("123456789012345678901");
        assertThat(fields.all("languages")).containsExactly("pt", "en");
        assertThat(fields.names()).doesNotContain("heardFrom");
        assertThat(fields.hasWrongType("languages")).isFalse();
    }

    @Test
    void objects_fractions_and_nested_lists_are_kept_as_type_problems() throws Exception {
        // when
        SubmittedFields fields = json("""
                {"givenName":{"first":"Ana"},"maxPartners":1.5,"languages":["pt",["en"],"es"],"interests":["a",null]}""");

        // then
        assertThat(fields.hasWrongType("givenName")).isTrue();
        assertThat(fields.all("givenName")).isEmpty();
        assertThat(fields.hasWrongType("maxPartners")).isTrue();
        assertThat(fields.hasWrongType("languages")).isTrue();
        assertThat(fields.all("languages")).containsExactly("pt");
        assertThat(fields.hasWrongType("interests")).isTrue();
    }

    @Test
    void broken_json_duplicate_keys_and_trailing_content_are_malformed_and_say_where() {
        for (String body : new String[] {"{\"a\":", "{\"a\":1,\"a\":2}", "{\"a\":1} {}", "{\"a\":[1,}"}) {
            assertThatThrownBy(() -> json(body)).as(body)
                    .isInstanceOf(MalformedBodyException.class)
                    .hasMessageStartingWith("The body is not valid JSON")
                    .hasMessageNotContaining("\"a\"");
        }
    }

    @Test
    void a_body_that_is_not_one_object_is_refused_as_such() {
        for (String body : new String[] {"", "[]", "\"text\"", "42", "null"}) {
            assertThatThrownBy(() -> json(body)).as(body)
                    .isInstanceOf(MalformedBodyException.class)
                    .hasMessage("The body must be a JSON object with the form’s fields.");
        }
        assertThatThrownBy(() -> json("[1,")).isInstanceOf(MalformedBodyException.class)
                .hasMessageStartingWith("The body is not valid JSON");
    }
}
