package org.iln.mail;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;

/**
 * The words of one language for a mail or page template, from the catalogues the site is baked
 * from (compiled for the functions): what a template may call, added to its model.
 *
 * <ul>
 *   <li>{@code msg(key, args...)}: a message as plain text, which the template escapes;</li>
 *   <li>{@code msgHtml(key, args...)}: a {@code .html} message, whose markup is trusted and whose
 *       arguments are escaped, so a name can never add markup;</li>
 *   <li>{@code lang}, {@code dir}: the html {@code lang} and {@code dir} attributes;</li>
 *   <li>{@code root}: the site's path of the language ({@code /}, {@code /es/});</li>
 *   <li>{@code isolate(text)}: a name or free text between Unicode FSI and PDI, so that right-to-left
 *       text cannot reorder the plain-text line around it (HTML templates use {@code <bdi>});</li>
 *   <li>{@code date(isoDate)}: a date in the language's long format;</li>
 *   <li>{@code countryName(code)}, {@code languageName(code)}: names from CLDR in the reader's language.</li>
 * </ul>
 * A key the catalogue lacks fails the rendering, naming the key and the language.
 */
public final class Wording {

    /** The model key that names the recipient's language (a tag; anything unknown means English). */
    public static final String LANGUAGE = "language";

    private Wording() {
    }

    /** The language {@code model} names under {@link #LANGUAGE}, or the default one. */
    public static CompiledCatalogue of(Map<String, ?> model) {
        Object tag = model.get(LANGUAGE);
        return CompiledCatalogues.bundled().of(tag == null ? null : tag.toString());
    }

    /** {@code model} with the words of {@code catalogue} added. */
    public static Map<String, Object> add(Map<String, ?> model, CompiledCatalogue catalogue) {
        Map<String, Object> out = new HashMap<>(model);
        out.put(LANGUAGE, catalogue.tag());
        out.put("lang", catalogue.tag());
        out.put("dir", catalogue.direction());
        out.put("root", root(catalogue.tag()));
        out.put("msg", new Message(catalogue, false));
        out.put("msgHtml", new Message(catalogue, true));
        out.put("isolate", (TemplateMethodModelEx) arguments -> "\u2068" + text(arguments, 0, "isolate") + "\u2069");
        out.put("date", (TemplateMethodModelEx) arguments -> {
            String iso = text(arguments, 0, "date");
            try {
                return catalogue.date(LocalDate.parse(iso));
            } catch (DateTimeParseException e) {
                return iso; // already written out (older queued mail)
            }
        });
        out.put("countryName", (TemplateMethodModelEx) arguments -> catalogue.countryName(text(arguments, 0, "country")));
        out.put("languageName", (TemplateMethodModelEx) arguments -> catalogue.languageName(text(arguments, 0, "language")));
        return out;
    }

    /** The site's path for pages in {@code tag}: {@code /} for the default language, {@code /es/} for Spanish. */
    public static String root(String tag) {
        CompiledCatalogues catalogues = CompiledCatalogues.bundled();
        String known = catalogues.of(tag).tag();
        return known.equals(catalogues.defaultCatalogue().tag()) ? "/" : "/" + known + "/";
    }

    /**
     * What a link into the functions' pages adds so that they answer in {@code tag}:
     * {@code &lang=es}, or nothing for the default language (the page's signed token does not depend on it).
     */
    public static String linkLanguage(String tag) {
        String known = CompiledCatalogues.bundled().of(tag).tag();
        return root(known).equals("/") ? "" : "&lang=" + known;
    }

    private static String text(List<?> arguments, int index, String method) throws TemplateModelException {
        if (arguments.size() <= index || !(arguments.get(index) instanceof TemplateScalarModel scalar)) {
            throw new TemplateModelException(method + " needs text as argument " + (index + 1));
        }
        return scalar.getAsString();
    }

    private record Message(CompiledCatalogue catalogue, boolean markup) implements TemplateMethodModelEx {
        @Override
        public Object exec(List arguments) throws TemplateModelException {
            String name = text(arguments, 0, markup ? "msgHtml" : "msg");
            if (markup != name.endsWith(".html")) {
                throw new TemplateModelException("message '" + name + "': use " + (markup ? "msg" : "msgHtml")
                        + " (keys ending .html hold markup and only msgHtml may print them)");
            }
            Object[] values = new Object[arguments.size() - 1];
            for (int i = 1; i < arguments.size(); i++) {
                Object argument = arguments.get(i);
                if (argument instanceof TemplateNumberModel number) {
                    values[i - 1] = number.getAsNumber();
                } else if (argument instanceof TemplateScalarModel scalar) {
                    String text = scalar.getAsString();
                    values[i - 1] = markup ? HTMLOutputFormat.INSTANCE.escapePlainText(text) : text;
                } else {
                    throw new TemplateModelException("message '" + name + "': argument " + i
                            + " is neither text nor a number");
                }
            }
            try {
                String text = catalogue.format(name, values);
                return markup ? HTMLOutputFormat.INSTANCE.fromMarkup(text) : text;
            } catch (IllegalArgumentException e) {
                throw new TemplateModelException(e.getMessage(), e);
            }
        }
    }
}
