package org.iln.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheRulesTest {

    private static final CacheRules PRODUCTION = CacheRules.production();

    @Nested
    class The_production_rules {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "css/site.3f2a9c1e.css",
                "js/signup.0a1b2c3d.js",
                "favicon.3f2a9c1e.svg",
                "pagefind/fragment/en_5a2c3e1.pf_fragment",
                "pagefind/index/en_6d1f0b2.pf_index",
                "pagefind/pagefind.en_70bf5a1e3c.pf_meta"})
        void keep_files_named_by_their_contents_for_a_year(String path) {
            assertThat(PRODUCTION.cacheControl(path)).isEqualTo(CacheRules.IMMUTABLE);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"index.html", "points/2026-2/01-getting-to-know-you.html", "feed.xml", "sitemap.xml",
                "robots.txt", "programme.json", "pagefind/pagefind.js", "pagefind/pagefind-entry.json",
                "pagefind/wasm.en.pagefind", "pagefind/pagefind-ui.js", "css/site.css", "js/signup.js", "favicon.svg"})
        void revalidate_pages_feeds_the_manifest_and_pagefinds_stable_names(String path) {
            assertThat(PRODUCTION.cacheControl(path)).isEqualTo("no-cache");
        }

        @Test
        void end_with_a_catch_all_so_every_file_has_a_value() {
            List<CacheRules.Rule> rules = PRODUCTION.rules();
            assertThat(rules.get(rules.size() - 1).pattern()).isEqualTo("*");
        }
    }

    @Nested
    class A_pattern {

        @Test
        void matches_across_folders_with_a_star_as_aws_s3_filters_do() {
            assertThat(new CacheRules.Rule("css/*", "x").matches("css/deep/site.css")).isTrue();
            assertThat(new CacheRules.Rule("*.html", "x").matches("points/a/b.html")).isTrue();
        }

        @Test
        void matches_one_character_with_a_question_mark_and_everything_else_literally() {
            CacheRules.Rule rule = new CacheRules.Rule("a?.c.css", "x");
            assertThat(rule.matches("ab.c.css")).isTrue();
            assertThat(rule.matches("ab.cXcss")).isFalse();
            assertThat(rule.matches("abc.c.css")).isFalse();
        }

        @Test
        void the_first_matching_rule_wins() {
            CacheRules rules = new CacheRules(List.of(new CacheRules.Rule("a/*", "first"),
                    new CacheRules.Rule("*", "second")));
            assertThat(rules.cacheControl("a/b")).isEqualTo("first");
            assertThat(rules.cacheControl("b")).isEqualTo("second");
        }

        @Test
        void a_path_no_rule_matches_is_refused_with_the_path() {
            CacheRules rules = new CacheRules(List.of(new CacheRules.Rule("a/*", "first")));
            assertThatThrownBy(() -> rules.cacheControl("b.html")).hasMessageContaining("b.html");
        }
    }
}
