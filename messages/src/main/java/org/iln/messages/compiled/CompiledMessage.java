package org.iln.messages.compiled;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message pattern, parsed once: the part of ICU's MessageFormat syntax the catalogues use
 * ({@code {0}}, {@code {0, plural, =0 {...} one {# ...} other {...}}}, {@code {0, select, a {...}
 * other {...}}}, and ICU's apostrophe quoting). Any other argument type is refused when the
 * catalogue is compiled, so the build names the key and the language; dates are passed in
 * already formatted ({@link CompiledCatalogue#date}).
 */
final class CompiledMessage {

    private sealed interface Part permits Text, Argument, Choice, Count {
    }

    private record Text(String text) implements Part {
    }

    private record Argument(int index) implements Part {
    }

    /** The number of the enclosing plural, minus its offset: ICU's {@code #}. */
    private record Count() implements Part {
    }

    private record Choice(int index, boolean plural, long offset, Map<String, List<Part>> branches) implements Part {
    }

    private final List<Part> parts;
    private final String pattern;
    private int at;

    CompiledMessage(String pattern) {
        this.pattern = pattern;
        this.parts = message(false);
        if (at != pattern.length()) {
            throw error("unexpected '}'");
        }
    }

    String format(Object[] arguments, CompiledCatalogue catalogue) {
        StringBuilder out = new StringBuilder();
        write(parts, arguments, catalogue, null, out);
        return out.toString();
    }

    private static void write(List<Part> parts, Object[] arguments, CompiledCatalogue catalogue, Long count,
                              StringBuilder out) {
        for (Part part : parts) {
            if (part instanceof Text text) {
                out.append(text.text());
            } else if (part instanceof Count) {
                out.append(catalogue.number(count));
            } else if (part instanceof Argument argument) {
                Object value = argument(arguments, argument.index());
                out.append(value instanceof Number number ? catalogue.number(whole(number)) : String.valueOf(value));
            } else if (part instanceof Choice choice) {
                Object value = argument(arguments, choice.index());
                if (choice.plural()) {
                    long n = whole(value instanceof Number number ? number : Long.parseLong(String.valueOf(value)));
                    List<Part> branch = choice.branches().get("=" + n);
                    if (branch == null) {
                        branch = choice.branches().get(catalogue.pluralCategory(n - choice.offset()));
                    }
                    if (branch == null) {
                        branch = choice.branches().get("other");
                    }
                    write(branch, arguments, catalogue, n - choice.offset(), out);
                } else {
                    List<Part> branch = choice.branches().getOrDefault(String.valueOf(value), choice.branches().get("other"));
                    write(branch, arguments, catalogue, count, out);
                }
            }
        }
    }

    private static Object argument(Object[] arguments, int index) {
        if (index >= arguments.length) {
            throw new IllegalArgumentException("message needs argument {" + index + "} but was given " + arguments.length);
        }
        return arguments[index];
    }

    private static long whole(Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (d != Math.rint(d)) {
                throw new IllegalArgumentException("the functions' messages count whole numbers only, not " + d);
            }
        }
        return number.longValue();
    }

    private List<Part> message(boolean inPlural) {
        List<Part> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == '\'') {
                quoted(text, inPlural);
            } else if (c == '{') {
                flush(text, out);
                at++;
                out.add(argument());
            } else if (c == '}') {
                break;
            } else if (c == '#' && inPlural) {
                flush(text, out);
                out.add(new Count());
                at++;
            } else {
                text.append(c);
                at++;
            }
        }
        flush(text, out);
        return out;
    }

    /** ICU's apostrophe mode DOUBLE_OPTIONAL: '' is one apostrophe; ' quotes only before a syntax character. */
    private void quoted(StringBuilder text, boolean inPlural) {
        if (at + 1 < pattern.length() && pattern.charAt(at + 1) == '\'') {
            text.append('\'');
            at += 2;
            return;
        }
        char next = at + 1 < pattern.length() ? pattern.charAt(at + 1) : 0;
        boolean syntax = next == '{' || next == '}' || next == '|' || (inPlural && next == '#');
        if (!syntax) {
            text.append('\'');
            at++;
            return;
        }
        at++;
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == '\'') {
                if (at + 1 < pattern.length() && pattern.charAt(at + 1) == '\'') {
                    text.append('\'');
                    at += 2;
                    continue;
                }
                at++;
                return;
            }
            text.append(c);
            at++;
        }
    }

    private static void flush(StringBuilder text, List<Part> out) {
        if (!text.isEmpty()) {
            out.add(new Text(text.toString()));
            text.setLength(0);
        }
    }

    private Part argument() {
        int index = Integer.parseInt(word("an argument number"));
        skipSpace();
        if (peek() == '}') {
            at++;
            return new Argument(index);
        }
        expect(',');
        String type = word("an argument type");
        if (!type.equals("plural") && !type.equals("select")) {
            throw error("argument type '" + type + "' is not supported in the functions' messages "
                    + "(only plain, plural and select; pass dates and numbers formatted)");
        }
        boolean plural = type.equals("plural");
        expect(',');
        long offset = 0;
        Map<String, List<Part>> branches = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == '}') {
                at++;
                break;
            }
            String selector = word("a selector");
            if (plural && selector.startsWith("offset:")) {
                offset = Long.parseLong(selector.substring("offset:".length()));
                continue;
            }
            skipSpace();
            expect('{');
            branches.put(selector, message(plural));
            expect('}');
        }
        if (!branches.containsKey("other")) {
            throw error("a " + type + " needs an 'other' form");
        }
        return new Choice(index, plural, offset, Map.copyOf(branches));
    }

    private String word(String what) {
        skipSpace();
        int start = at;
        while (at < pattern.length() && !Character.isWhitespace(pattern.charAt(at))
                && "{},".indexOf(pattern.charAt(at)) < 0) {
            at++;
        }
        if (start == at) {
            throw error("expected " + what);
        }
        return pattern.substring(start, at);
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peek() {
        return at < pattern.length() ? pattern.charAt(at) : 0;
    }

    private void skipSpace() {
        while (at < pattern.length() && Character.isWhitespace(pattern.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " at position " + at);
    }
}
