package org.iln.messages.compiled;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A language's CLDR plural rules, as ICU4J wrote them at build time ({@code one: i = 1 and v = 0;
 * other:}), evaluated for whole numbers: the functions only count whole things (partners, days).
 * For a whole number the operands n and i are its absolute value and v, w, f, t, e, c are 0.
 * {@code CompiledCataloguesTest} checks the choice against ICU4J's for every number to 10,000 and
 * beyond.
 */
final class PluralRules {

    private static final Pattern RELATION =
            Pattern.compile("([niwvftec])\\s*(?:%\\s*(\\d+))?\\s*(!=|=)\\s*([0-9.,\\s]+)");

    private record Range(long low, long high) {
    }

    private record Relation(char operand, long modulus, boolean equal, List<Range> ranges) {
        boolean holds(long n) {
            long value = switch (operand) {
                case 'n', 'i' -> n;
                default -> 0; // v, w, f, t, e, c: no fraction digits, no exponent
            };
            if (modulus > 0) {
                value %= modulus;
            }
            final long v = value;
            boolean in = ranges.stream().anyMatch(r -> v >= r.low() && v <= r.high());
            return in == equal;
        }
    }

    private record Rule(String keyword, List<List<Relation>> alternatives) {
        boolean holds(long n) {
            return alternatives.stream().anyMatch(all -> all.stream().allMatch(r -> r.holds(n)));
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    PluralRules(String description) {
        for (String part : description.split(";")) {
            String rule = part.strip();
            if (rule.isEmpty()) {
                continue;
            }
            int colon = rule.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("plural rule without a keyword: " + rule);
            }
            String keyword = rule.substring(0, colon).strip();
            String condition = rule.substring(colon + 1).strip();
            List<List<Relation>> alternatives = new ArrayList<>();
            if (!condition.isEmpty()) {
                for (String or : condition.split("\\bor\\b")) {
                    List<Relation> all = new ArrayList<>();
                    for (String and : or.split("\\band\\b")) {
                        all.add(relation(and.strip()));
                    }
                    alternatives.add(all);
                }
            }
            rules.add(new Rule(keyword, alternatives));
        }
    }

    private static Relation relation(String text) {
        Matcher m = RELATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("plural rule relation not understood: " + text);
        }
        List<Range> ranges = new ArrayList<>();
        for (String item : m.group(4).split(",")) {
            String[] bounds = item.strip().split("\\.\\.");
            ranges.add(new Range(Long.parseLong(bounds[0].strip()), Long.parseLong(bounds[bounds.length - 1].strip())));
        }
        return new Relation(m.group(1).charAt(0), m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
                m.group(3).equals("="), ranges);
    }

    /** The plural category of the whole number {@code n}: zero, one, two, few, many or other. */
    String select(long n) {
        long abs = Math.abs(n);
        for (Rule rule : rules) {
            if (!rule.alternatives().isEmpty() && rule.holds(abs)) {
                return rule.keyword();
            }
        }
        return "other";
    }
}
