package org.iln.site;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import java.util.List;
import org.iln.messages.CatalogueException;

/**
 * The templates' {@code msg(key, args...)} and {@code msgHtml(key, args...)}: a message of the
 * edition's catalogue, formatted with ICU's MessageFormat.
 *
 * <p>{@code msg} returns plain text, which the template escapes like any other. {@code msgHtml}
 * is for the catalogue's {@code .html} keys, whose patterns hold links and emphasis: the pattern
 * is trusted markup from the repository, and each argument is escaped before it is put in, so a
 * title or a name can never add markup. A key the catalogue lacks stops the bake, naming the key
 * and the language.
 */
final class MessageMethod implements TemplateMethodModelEx {

    private final Edition edition;
    private final boolean markup;

    MessageMethod(Edition edition, boolean markup) {
        this.edition = edition;
        this.markup = markup;
    }

    @Override
    public Object exec(List arguments) throws TemplateModelException {
        if (arguments.isEmpty() || !(arguments.get(0) instanceof TemplateScalarModel key)) {
            throw new TemplateModelException((markup ? "msgHtml" : "msg") + " needs a message key as its first argument");
        }
        String name = key.getAsString();
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
                throw new TemplateModelException("message '" + name + "': argument " + i + " is neither text nor a number");
            }
        }
        try {
            String text = edition.message(name, values);
            return markup ? HTMLOutputFormat.INSTANCE.fromMarkup(text) : text;
        } catch (CatalogueException e) {
            throw new TemplateModelException(e.getMessage(), e);
        }
    }
}
