package org.iln.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.iln.matching.People.person;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** A refusal keeps its English message for logs and carries its reason for the coordinators. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InvalidPoolExceptionTest {

    private static Pool pinned(Participant a, Participant b, Participant... others) {
        List<Participant> everyone = new java.util.ArrayList<>(List.of(a, b));
        everyone.addAll(List.of(others));
        return new Pool("test", People.MATCH_DATE, null, everyone, List.of(List.of(a.id(), b.id())), null);
    }

    @Test
    void a_pin_across_one_country_is_refused_with_its_pair_and_rule_and_keeps_the_english_message() {
        Pool pool = pinned(person("a", "AU", "en"), person("b", "AU", "en"), person("c", "NZ", "en"));

        InvalidPoolException refusal = catchThrowableOfType(InvalidPoolException.class, () -> new Matcher().match(pool));

        assertThat(refusal.getMessage())
                .isEqualTo("pins[0]: a and b cannot be partners: partners must work in different countries (both in AU)");
        assertThat(refusal.reason()).map(Reason::code)
                .contains("reason.pin.refused|a|b|reason.rule.sameCountry|AU");
    }

    @Test
    void a_pin_without_a_shared_language_names_that_rule() {
        Pool pool = pinned(person("a", "AU", "en"), person("b", "NZ", "fr"));

        InvalidPoolException refusal = catchThrowableOfType(InvalidPoolException.class, () -> new Matcher().match(pool));

        assertThat(refusal.reason()).map(Reason::code)
                .contains("reason.pin.refused|a|b|reason.rule.noLanguage");
    }

    @Test
    void someone_pinned_twice_is_refused_with_a_reason_by_the_pool_itself() {
        Pool pool = new Pool("test", People.MATCH_DATE, null,
                List.of(person("a", "AU", "en"), person("b", "NZ", "en"), person("c", "GB", "en")),
                List.of(List.of("a", "b"), List.of("c", "a")), null);

        InvalidPoolException refusal = catchThrowableOfType(InvalidPoolException.class, pool::validate);

        assertThat(refusal.getMessage()).isEqualTo("pins[1]: participant a is pinned twice");
        assertThat(refusal.reason()).map(Reason::code).contains("reason.pin.twice|a");
    }

    @Test
    void a_bad_field_has_no_reason() {
        Pool pool = new Pool(" ", People.MATCH_DATE, null, List.of(person("a", "AU", "en")), null, null);

        InvalidPoolException refusal = catchThrowableOfType(InvalidPoolException.class, pool::validate);

        assertThat(refusal.reason()).isEmpty();
    }
}
