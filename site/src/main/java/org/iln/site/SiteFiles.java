package org.iln.site;

import java.util.Map;
import java.util.Set;
import org.jbake.app.ContentStore;
import org.jbake.app.Renderer;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.template.RenderingException;

/**
 * Renders an edition's own files: home and search pages when no content file provides them, the
 * 404 page and the Atom feed of its discussion points. The default language's edition, baked last,
 * also writes the site-wide robots.txt and, last of all, the sitemap of every page in every language.
 */
final class SiteFiles extends PageTool {

    private final Set<String> contentUris;

    /** @param contentUris uris already rendered from content files, which take precedence */
    SiteFiles(Pages pages, Edition edition, Set<String> contentUris) {
        super(pages, edition);
        this.contentUris = contentUris;
    }

    @Override
    public int render(Renderer renderer, ContentStore db, JBakeConfiguration config) throws RenderingException {
        int before = pages.count();
        if (!contentUris.contains("index.html")) {
            write(renderer, "home", "index.html", String.valueOf(config.get("site.title")), Map.of());
        }
        if (!contentUris.contains("search.html")) {
            write(renderer, "search", "search.html", edition.message("search.title"), Map.of());
        }
        if (!contentUris.contains("404.html")) {
            write(renderer, "error404", "404.html", edition.message("notFound.title"), Map.of("noindex", true), false);
        }
        write(renderer, "feed", "feed.xml", edition.message("feed.title", config.get("site.title")), Map.of(), false);
        if (!edition.isDefault()) {
            return pages.count() - before;
        }
        write(renderer, "robots", "robots.txt", "robots", Map.of(), false);
        write(renderer, "sitemap", "sitemap.xml", "Sitemap", Map.of("urls", java.util.List.copyOf(pages.listed())), false);
        return pages.count() - before;
    }
}
