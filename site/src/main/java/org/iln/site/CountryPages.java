package org.iln.site;

import java.util.Map;
import org.jbake.app.ContentStore;
import org.jbake.app.Renderer;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.template.RenderingException;

/**
 * Renders one page per ISO 3166-1 country, the country index grouped by region, the programme
 * statistics, and the public summary of each finished round.
 */
final class CountryPages extends PageTool {

    private final SiteModel model;

    CountryPages(Pages pages, Edition edition, SiteModel model) {
        super(pages, edition);
        this.model = model;
    }

    @Override
    public int render(Renderer renderer, ContentStore db, JBakeConfiguration config) throws RenderingException {
        int before = pages.count();
        write(renderer, "countries", "countries/index.html", edition.message("countries.title"), Map.of());
        write(renderer, "statistics", "statistics.html", edition.message("figures.title"), Map.of());
        for (Map<String, Object> summary : model.summaries()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> round = (Map<String, Object>) summary.get("round");
            write(renderer, "summary", SiteModel.summaryPath((String) round.get("id")),
                    edition.message("summary.title", round.get("title")), Map.of("summary", summary));
        }
        for (Map<String, Object> country : model.countries()) {
            write(renderer, "country", ((String) country.get("url")).substring(edition.root().length()),
                    (String) country.get("name"), Map.of("country", country));
        }
        return pages.count() - before;
    }
}
