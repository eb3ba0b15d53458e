package org.iln.mail;

import freemarker.core.Environment;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateScalarModel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one renderer for all email: each message is a pair of Freemarker templates in
 * {@code src/main/resources/mail/}, {@code <name>.txt.ftl} (which also sets {@code subject}) and
 * {@code <name>.html.ftlh}, both wrapped in a shared layout.
 *
 * <p>The HTML templates use Freemarker's HTML output format, so anything a person typed is
 * escaped there; the text part needs no escaping.
 *
 * <p>Each message is in the recipient's language, which the model names under
 * {@link Wording#LANGUAGE} (English if it names none or an unknown one): the templates take their
 * words from the catalogues through {@link Wording}'s {@code msg}, subjects included.
 */
public final class MailRenderer {

    private final Configuration freemarker;

    /** A renderer over the templates on the classpath under {@code /mail}. */
    public MailRenderer() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassForTemplateLoading(MailRenderer.class, "/mail");
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setRecognizeStandardFileExtensions(true);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
        freemarker.setAPIBuiltinEnabled(false);
    }

    /** Renders a message's subject, text and HTML from its templates and this model. */
    public RenderedMail render(String name, Map<String, ?> model) {
        Objects.requireNonNull(name, "name");
        model = Wording.add(model, Wording.of(model));
        try {
            Template text = freemarker.getTemplate(name + ".txt.ftl");
            StringWriter textOut = new StringWriter();
            Environment env = text.createProcessingEnvironment(model, textOut);
            env.process();
            TemplateModel subject = env.getMainNamespace().get("subject");
            if (!(subject instanceof TemplateScalarModel scalar)) {
                throw new IllegalStateException("mail template " + name + ".txt.ftl must <#assign subject>");
            }
            StringWriter htmlOut = new StringWriter();
            Template html = freemarker.getTemplate(name + ".html.ftlh");
            Map<String, Object> htmlModel = new HashMap<>(model);
            htmlModel.put("subject", scalar.getAsString());
            html.process(htmlModel, htmlOut);
            return new RenderedMail(scalar.getAsString(), textOut.toString(), htmlOut.toString(),
                    CsvSheet.fromModel(model));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load mail template " + name, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("cannot render mail template " + name + ": " + e.getMessageWithoutStackTop(), e);
        }
    }

    /**
     * A rendered message: subject line, plain-text part, HTML part and, when the model carries a
     * {@link CsvSheet} under {@link CsvSheet#MODEL_KEY}, that sheet as an attachment.
     */
    public record RenderedMail(String subject, String text, String html, java.util.Optional<CsvSheet> attachment) {

        public RenderedMail {
            java.util.Objects.requireNonNull(attachment, "attachment");
        }

        /** A message without an attachment. */
        public RenderedMail(String subject, String text, String html) {
            this(subject, text, html, java.util.Optional.empty());
        }
    }
}
