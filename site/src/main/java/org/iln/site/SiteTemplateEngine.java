package org.iln.site;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
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
 * query on every page and leaves escaping to each template. Here every page sees
 * {@code content} (the document being rendered), {@code site} (rounds, points, countries,
 * choices, built once per language), {@code lang} (the page's language and every other) and the
 * message methods {@code msg} and {@code msgHtml} (see {@link MessageMethod}). Templates ending {@code .ftlh} escape HTML, {@code .ftlx} escape XML.
 */
final class SiteTemplateEngine extends DelegatingTemplateEngine {

    private final Configuration freemarker;
    private final Map<String, Object> site;
    private final Map<String, Object> lang;
    private final MessageMethod msg;
    private final MessageMethod msgHtml;

    SiteTemplateEngine(ContentStore store, JBakeConfiguration config, Map<String, Object> site, Edition edition) {
        super(store, config);
        this.site = site;
        this.lang = edition.view();
        this.msg = new MessageMethod(edition, false);
        this.msgHtml = new MessageMethod(edition, true);
        this.freemarker = new Configuration(Configuration.VERSION_2_3_34);
        try {
            freemarker.setDirectoryForTemplateLoading(config.getTemplateFolder());
        } catch (IOException e) {
            throw new BakeException("templates: cannot read " + config.getTemplateFolder() + ": " + e.getMessage(), e);
        }
        freemarker.setDefaultEncoding(config.getTemplateEncoding());
        freemarker.setOutputEncoding(config.getRenderEncoding());
        freemarker.setRecognizeStandardFileExtensions(true);
        freemarker.setLocale(edition.language().formatLocale().toLocale());
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
        root.put("lang", lang);
        root.put("msg", msg);
        root.put("msgHtml", msgHtml);
        try {
            Template template = freemarker.getTemplate(templateName);
            template.process(root, writer);
        } catch (IOException | TemplateException e) {
            throw new RenderingException("templates/" + templateName + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
