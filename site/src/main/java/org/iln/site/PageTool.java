package org.iln.site;

import java.io.File;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.CompositeConfiguration;
import org.jbake.app.ContentStore;
import org.jbake.app.Renderer;
import org.jbake.model.DocumentModel;
import org.jbake.model.ModelAttributes;
import org.jbake.render.RenderingTool;
import org.jbake.template.RenderingException;

/**
 * A JBake rendering tool for one family of our pages; each page goes through JBake's
 * {@link Renderer} as a document whose type names its template in jbake.properties.
 *
 * <p>Subclasses are called in a fixed order by {@link SiteBaker} rather than discovered through
 * {@code ServiceLoader}, so that the sitemap, written last, sees every page.
 */
abstract class PageTool implements RenderingTool {

    /** Every page written so far, in order, with whether it belongs in the sitemap. */
    static final class Pages {
        private final List<String> all = new ArrayList<>();
        private final List<Map<String, String>> listed = new ArrayList<>();

        void add(String uri, boolean inSitemap, String lastModified) {
            all.add(uri);
            if (inSitemap) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("uri", uri);
                entry.put("lastmod", lastModified);
                listed.add(entry);
            }
        }

        /** The sitemap's pages: {@code uri}, and {@code lastmod} (yyyy-MM-dd) or an empty string when the page has no date. */
        List<Map<String, String>> listed() {
            return listed;
        }

        int count() {
            return all.size();
        }
    }

    protected final Pages pages;
    protected final Edition edition;

    /** @param edition the language whose pages this tool writes, under its folder ({@code es/...}) */
    PageTool(Pages pages, Edition edition) {
        this.pages = pages;
        this.edition = edition;
    }

    /** Renders a page of the given type at {@code uri} (relative to the edition's folder), listing it in the sitemap. */
    protected final void write(Renderer renderer, String type, String uri, String title, Map<String, Object> extras)
            throws RenderingException {
        write(renderer, type, uri, title, extras, true);
    }

    protected final void write(Renderer renderer, String type, String uri, String title, Map<String, Object> extras,
                               boolean inSitemap) throws RenderingException {
        DocumentModel doc = new DocumentModel();
        doc.setType(type);
        doc.setUri(uri);
        doc.setStatus(ModelAttributes.Status.PUBLISHED);
        doc.setTitle(title);
        doc.putAll(extras);
        write(renderer, doc, inSitemap);
    }

    /**
     * Renders {@code doc}, whose uri is the page's place in every edition ({@code about.html}), at
     * that place in this edition's folder ({@code es/about.html}). The sitemap lists each page
     * once, by its default-language uri, with every language as an alternate.
     */
    protected final void write(Renderer renderer, DocumentModel doc, boolean inSitemap) throws RenderingException {
        String pageUri = doc.getUri();
        doc.put("pageUri", pageUri);
        doc.setUri(edition.folder() + pageUri);
        doc.put("path", "/" + doc.getUri());
        String lastModified = lastModified(doc);
        try {
            renderer.render(doc);
        } catch (RenderingException e) {
            throw e;
        } catch (Exception e) {
            // JBake wraps template errors; keep the innermost message, which names the template
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new RenderingException(doc.getUri() + ": " + cause.getMessage(), e);
        }
        pages.add(doc.getUri(), inSitemap && edition.isDefault(), lastModified);
    }

    /**
     * A page's source date for the sitemap: its content file's {@code date}, or for a list of
     * discussion points (a round or a tag) the newest point's send date; otherwise none.
     */
    private static String lastModified(DocumentModel doc) {
        if (doc.getDate() != null) {
            // JBake parsed the header in the default time zone
            return doc.getDate().toInstant().atZone(ZoneId.systemDefault()).toLocalDate().toString();
        }
        for (String list : List.of("round", "tag")) {
            if (doc.get(list) instanceof Map<?, ?> view && view.get("points") instanceof List<?> points
                    && !points.isEmpty() && points.get(0) instanceof Map<?, ?> newest) {
                return String.valueOf(newest.get("isoDate"));
            }
        }
        return "";
    }

    @Override
    @Deprecated
    public final int render(Renderer renderer, ContentStore db, File destination, File templatesPath,
                            CompositeConfiguration config) throws RenderingException {
        throw new UnsupportedOperationException("SiteBaker calls render(Renderer, ContentStore, JBakeConfiguration)");
    }
}
