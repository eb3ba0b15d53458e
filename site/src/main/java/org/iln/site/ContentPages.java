package org.iln.site;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jbake.app.ContentStore;
import org.jbake.app.Renderer;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.model.DocumentModel;
import org.jbake.model.ModelAttributes;
import org.jbake.template.RenderingException;

/**
 * Renders the coordinators' content files in one edition: every published page, and every
 * discussion point that is out by the bake date, each with links to the previous and next point;
 * in a translation where one exists beside the original (see {@link Translations}), else in the
 * original with a notice.
 *
 * <p>Stock JBake's {@code DocumentsRenderer} queries all documents of a type for every document
 * it renders, to find that document's neighbours: O(N²). Here the neighbours come from one list
 * sorted once, so rendering N points is O(N).
 */
final class ContentPages extends PageTool {

    /** Pages the API redirects to: not worth indexing or listing in the sitemap. */
    static final Set<String> UNLISTED = Set.of("check-your-email.html", "confirmed.html", "link-expired.html",
            "unsubscribed.html", "erased.html", "404.html", "volunteer-sent.html", "volunteer-confirmed.html");

    /** Pages with a template of their own; every other page uses page.ftlh. */
    private static final Map<String, String> TEMPLATE_BY_URI = Map.of(
            "index.html", "home", "signup.html", "signup", "search.html", "search", "404.html", "error404",
            "volunteer.html", "volunteer");

    private final MemoryContentStore store;
    private final Translations translations;
    private final List<String> pointUris;
    private final Map<String, Map<String, Object>> pointViews;

    /**
     * @param pointUris the uris of the points to render, oldest first
     * @param pointViews the template view of each of those points in this edition, by uri
     */
    ContentPages(Pages pages, Edition edition, MemoryContentStore store, Translations translations,
                 List<String> pointUris, Map<String, Map<String, Object>> pointViews) {
        super(pages, edition);
        this.store = store;
        this.translations = translations;
        this.pointUris = pointUris;
        this.pointViews = pointViews;
    }

    @Override
    public int render(Renderer renderer, ContentStore db, JBakeConfiguration config) throws RenderingException {
        int before = pages.count();
        for (DocumentModel doc : store.documents("page")) {
            if (!ModelAttributes.Status.PUBLISHED.equals(doc.getStatus()) || translations.isTranslation(doc.getUri())) {
                continue;
            }
            DocumentModel page = inEdition(doc);
            page.setType(TEMPLATE_BY_URI.getOrDefault(doc.getUri(), "page"));
            page.put("noindex", UNLISTED.contains(doc.getUri()));
            write(renderer, page, !UNLISTED.contains(doc.getUri()));
        }
        Map<String, DocumentModel> pointDocs = new LinkedHashMap<>();
        store.documents("point").forEach(d -> pointDocs.put(d.getUri(), d));
        for (int i = 0; i < pointUris.size(); i++) {
            String uri = pointUris.get(i);
            DocumentModel point = inEdition(pointDocs.get(uri));
            point.put("point", pointViews.get(uri));
            if (i > 0) {
                point.put("previous", pointViews.get(pointUris.get(i - 1)));
            }
            if (i + 1 < pointUris.size()) {
                point.put("next", pointViews.get(pointUris.get(i + 1)));
            }
            write(renderer, point, true);
        }
        return pages.count() - before;
    }

    /**
     * A copy of the original as this edition shows it: with its translation's title, summary and
     * body when a published one exists, else the original marked {@code fallback} so the page
     * says, in the reader's language, that it is shown untranslated.
     */
    private DocumentModel inEdition(DocumentModel original) {
        DocumentModel page = new DocumentModel();
        page.putAll(original);
        if (edition.isDefault()) {
            return page;
        }
        Optional<DocumentModel> translation = translations.of(original.getUri(), edition.language())
                .filter(t -> ModelAttributes.Status.PUBLISHED.equals(t.getStatus()));
        if (translation.isPresent()) {
            page.setTitle(translation.get().getTitle());
            page.setBody(translation.get().getBody());
            if (translation.get().get("summary") != null) {
                page.put("summary", translation.get().get("summary"));
            }
        } else {
            page.put("fallback", true);
        }
        return page;
    }
}
