package org.iln.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code Cache-Control} of each file of the baked site, by its path under the site's root:
 * an ordered list of patterns, the first match winning.
 *
 * <p>{@link #production()} reads {@code cache-control.tsv} in this package: the deploy workflow
 * uploads each group of files with its value from that same file, and {@code ./iln dev} sends it.
 * Patterns follow {@code aws s3 sync --include}: {@code *} matches any characters, {@code /}
 * included, and {@code ?} any one character.
 *
 * @param rules in order; the last should match everything
 */
public record CacheRules(List<Rule> rules) {

    /** Served for a year and never revalidated: for files named by a hash of their contents. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** One pattern and the Cache-Control of the files it matches. */
    public record Rule(String pattern, String cacheControl) {

        public Rule {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(cacheControl, "cacheControl");
        }

        /** Whether {@code path} (relative to the site's root, with {@code /} separators) matches. */
        public boolean matches(String path) {
            return regex().matcher(path).matches();
        }

        private Pattern regex() {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }

    public CacheRules {
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("rules: at least one rule is needed");
        }
    }

    /** The rules the deploy and ./iln dev use, from cache-control.tsv. */
    public static CacheRules production() {
        List<Rule> rules = new ArrayList<>();
        for (DefinitionFile.Line line : DefinitionFile.read("cache-control.tsv")) {
            rules.add(new Rule(line.first(), line.second()));
        }
        return new CacheRules(rules);
    }

    /**
     * The Cache-Control for the file at {@code path} (relative to the site's root, {@code /}
     * separated, no leading slash).
     *
     * @throws IllegalArgumentException when no rule matches (a definition without a catch-all)
     */
    public String cacheControl(String path) {
        Objects.requireNonNull(path, "path");
        return rules.stream().filter(rule -> rule.matches(path)).findFirst().map(Rule::cacheControl)
                .orElseThrow(() -> new IllegalArgumentException("path: no cache rule matches " + path));
    }
}
