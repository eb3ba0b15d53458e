package org.iln.site;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.PegdownExtensions;
import com.vladsch.flexmark.profile.pegdown.PegdownOptionsAdapter;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.List;
import org.jbake.parser.MarkupEngine;
import org.jbake.parser.ParserContext;

/**
 * JBake's Markdown engine with the flexmark parser and renderer built once per bake.
 *
 * <p>Stock {@code MarkdownEngine} rebuilds its pegdown-compatible options, parser and renderer
 * for every file, which costs more than parsing a short discussion point. This engine reads the
 * same {@code markdown.extensions} setting, so it renders the same HTML (except that email
 * addresses are obfuscated the same way on every bake), and is registered for
 * {@code .md} through JBake's {@code Engines.register} for the length of a bake.
 */
final class MarkdownBodies extends MarkupEngine {

    private final Parser parser;
    private final HtmlRenderer renderer;
    /** For discussion points: raw HTML in them is shown as text (they are also mailed and published as data). */
    private final HtmlRenderer escapingRenderer;

    MarkdownBodies(List<String> markdownExtensions) {
        int extensions = PegdownExtensions.NONE;
        for (String name : markdownExtensions) {
            boolean remove = name.startsWith("-");
            int flag = flag(name.replaceFirst("^[-+]", ""));
            extensions = remove ? extensions & ~flag : extensions | flag;
        }
        // pegdown obfuscates email links with random entities; keep the encoding fixed so that
        // the same content always bakes to the same bytes
        DataHolder options = new MutableDataSet(PegdownOptionsAdapter.flexmarkOptions(extensions))
                .set(HtmlRenderer.OBFUSCATE_EMAIL_RANDOM, false)
                .toImmutable();
        this.parser = Parser.builder(options).build();
        this.renderer = HtmlRenderer.builder(options).build();
        this.escapingRenderer = HtmlRenderer.builder(new MutableDataSet(options)
                .set(HtmlRenderer.ESCAPE_HTML, true).toImmutable()).build();
    }

    @Override
    public void processBody(ParserContext context) {
        // Points allow Markdown, not HTML: pages (privacy.md's erase form) are maintainers' markup.
        HtmlRenderer chosen = "point".equals(context.getType()) ? escapingRenderer : renderer;
        context.setBody(chosen.render(parser.parse(context.getBody())));
    }

    private static int flag(String name) {
        try {
            return PegdownExtensions.class.getField(name.trim()).getInt(null);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new BakeException("jbake.properties: markdown.extensions: '" + name + "' is not a pegdown extension");
        }
    }
}
