package org.iln.site;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jbake.app.ContentStore;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.template.DelegatingTemplateEngine;
import org.jbake.template.RenderingException;
import org.jbake.template.model.TemplateModel;

/**
 * The template engine JBake's {@link org.jbake.app.Renderer} hands every page to: Freemarker with
 * HTML auto-escaping, and a data model computed once per bake.
 *
 * <p>JBake's own Freemarker engine answers {@code published_posts} and friends with a database
 * query on every page and leaves escaping to each template. Here every page sees two values:
 * {@code content} (the document being rendered) and {@code site} (rounds, points, countries,
 * choices, built once). Templates ending {@code .ftlh} escape HTML, {@code .ftlx} escape XML.
 */
final class SiteTemplateEngine extends DelegatingTemplateEngine {

    private final Configuration freemarker;
    private final Map<String, Object> site;

    SiteTemplateEngine(ContentStore store, JBakeConfiguration config, Map<String, Object> site) {
        super(store, config);
        this.site = site;
        this.freemarker = new Configuration(Configuration.VERSION_2_3_34);
        try {
            freemarker.setDirectoryForTemplateLoading(config.getTemplateFolder());
        } catch (IOException e) {
            throw new BakeException("templates: cannot read " + config.getTemplateFolder() + ": " + e.getMessage(), e);
        }
        freemarker.setDefaultEncoding(config.getTemplateEncoding());
        freemarker.setOutputEncoding(config.getRenderEncoding());
        freemarker.setRecognizeStandardFileExtensions(true);
        freemarker.setLocale(Locale.ENGLISH);
        freemarker.setTimeZone(TimeZone.getTimeZone("UTC"));
        freemarker.setURLEscapingCharset("UTF-8");
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
    }

    @Override
    public void renderDocument(TemplateModel model, String templateName, Writer writer) throws RenderingException {
        Map<String, Object> root = new HashMap<>();
        root.put("content", model.getContent());
        root.put("site", site);
        try {
            Template template = freemarker.getTemplate(templateName);
            template.process(root, writer);
        } catch (IOException | TemplateException e) {
            throw new RenderingException("templates/" + templateName + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
