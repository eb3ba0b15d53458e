package org.iln.signup;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders the few HTML pages the API itself answers with (form errors for browsers without
 * JavaScript, "applications closed", and the unsubscribe and erase confirmation forms), from
 * Freemarker templates in {@code src/main/resources/web/}; everything interpolated is escaped.
 */
final class Pages {

    private final Configuration freemarker;

    Pages() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassForTemplateLoading(Pages.class, "/web");
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setRecognizeStandardFileExtensions(true);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setAPIBuiltinEnabled(false);
    }

    String render(String name, Map<String, ?> model) {
        try {
            StringWriter out = new StringWriter();
            freemarker.getTemplate(name + ".ftlh").process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load page template " + name, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("cannot render page template " + name, e);
        }
    }
}
