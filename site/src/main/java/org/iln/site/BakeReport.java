package org.iln.site;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one bake wrote: where, how many pages, discussion points and countries, and how long it took.
 *
 * @param outputDir the folder holding the baked site
 * @param pages HTML, XML and text files rendered from templates (not copied assets)
 * @param points discussion points in the manifest (published ones, including those not yet sent)
 * @param countries country pages written
 * @param searchIndexed whether Pagefind indexed the baked site
 * @param duration wall time of the bake, Pagefind included
 */
public record BakeReport(Path outputDir, int pages, int points, int countries, boolean searchIndexed,
                         Duration duration) {

    /** One line for a terminal. */
    @Override
    public String toString() {
        return "Baked " + pages + " pages (" + points + " discussion points, " + countries + " countries) into "
                + outputDir + " in " + duration.toMillis() + " ms" + (searchIndexed ? ", search indexed" : "");
    }
}
