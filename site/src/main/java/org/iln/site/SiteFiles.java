package org.iln.site;

import java.util.Map;
import java.util.Set;
import org.jbake.app.ContentStore;
import org.jbake.app.Renderer;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.template.RenderingException;

/**
 * Renders the site-wide files: home and search pages when no content file provides them, the
 * 404 page, robots.txt, the Atom feed of discussion points and, last, the sitemap of every page.
 */
final class SiteFiles extends PageTool {

    private final Set<String> contentUris;

    /** @param contentUris uris already rendered from content files, which take precedence */
    SiteFiles(Pages pages, Set<String> contentUris) {
        super(pages);
        this.contentUris = contentUris;
    }

    @Override
    public int render(Renderer renderer, ContentStore db, JBakeConfiguration config) throws RenderingException {
        int before = pages.count();
        if (!contentUris.contains("index.html")) {
            write(renderer, "home", "index.html", String.valueOf(config.get("site.title")), Map.of());
        }
        if (!contentUris.contains("search.html")) {
            write(renderer, "search", "search.html", "Search discussion points", Map.of());
        }
        if (!contentUris.contains("404.html")) {
            write(renderer, "error404", "404.html", "Page not found", Map.of("noindex", true), false);
        }
        write(renderer, "robots", "robots.txt", "robots", Map.of(), false);
        write(renderer, "feed", "feed.xml", "Discussion points", Map.of(), false);
        write(renderer, "sitemap", "sitemap.xml", "Sitemap", Map.of("urls", java.util.List.copyOf(pages.listed())), false);
        return pages.count() - before;
    }
}
