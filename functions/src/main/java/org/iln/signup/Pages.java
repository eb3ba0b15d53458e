package org.iln.signup;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import org.iln.mail.Wording;

/**
 * Renders the few HTML pages the API itself answers with (form errors for browsers without
 * JavaScript, "applications closed", and the unsubscribe and erase confirmation forms), from
 * Freemarker templates in {@code src/main/resources/web/}; everything interpolated is escaped.
 * Each page is in the language its model names ({@link Wording}), English by default.
 */
final class Pages {

    private Configuration freemarker;

    /**
     * The template configuration, built on the first page: most requests (every JSON one)
     * answer without a page, so a cold start need not pay for it.
     */
    private synchronized Configuration freemarker() {
        if (freemarker == null) {
            Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
            configuration.setClassForTemplateLoading(Pages.class, "/web");
            configuration.setDefaultEncoding("UTF-8");
            configuration.setRecognizeStandardFileExtensions(true);
            configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
            configuration.setLogTemplateExceptions(false);
            configuration.setWrapUncheckedExceptions(true);
            configuration.setAPIBuiltinEnabled(false);
            freemarker = configuration;
        }
        return freemarker;
    }

    String render(String name, Map<String, ?> model) {
        try {
            StringWriter out = new StringWriter();
            freemarker().getTemplate(name + ".ftlh").process(Wording.add(model, Wording.of(model)), out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load page template " + name, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("cannot render page template " + name, e);
        }
    }
}
