package org.iln.site;

import java.util.Map;
import org.jbake.app.ContentStore;
import org.jbake.app.Renderer;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.template.RenderingException;

/** Renders the discussion-point archive: the index, one page per round and one per tag, newest first. */
final class ArchivePages extends PageTool {

    private final SiteModel model;

    ArchivePages(Pages pages, Edition edition, SiteModel model) {
        super(pages, edition);
        this.model = model;
    }

    @Override
    public int render(Renderer renderer, ContentStore db, JBakeConfiguration config) throws RenderingException {
        int before = pages.count();
        write(renderer, "archive", "points/index.html", edition.message("archive.title"), Map.of());
        for (Map<String, Object> round : model.rounds()) {
            write(renderer, "round", "points/" + round.get("id") + "/index.html",
                    edition.message("round.title", round.get("title")), Map.of("round", round));
        }
        write(renderer, "tagsindex", "points/tags/index.html", edition.message("tags.title"), Map.of());
        for (Map<String, Object> tag : model.tags()) {
            write(renderer, "tag", "points/tags/" + tag.get("name") + ".html",
                    edition.message("tag.title", tag.get("name")), Map.of("tag", tag));
        }
        return pages.count() - before;
    }
}
