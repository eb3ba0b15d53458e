package org.iln.figures;

import java.util.Locale;

/**
 * What the figures count, per round and country. Each is a number of applications (people in a
 * round), never a list of them.
 *
 * <p>The measures overlap (confirmed people applied, matched people confirmed) but none is the
 * sum or difference of others, so no shown figure reveals a suppressed one by subtraction. A new
 * measure per country is one more constant here and one more line in {@link Counting}: the
 * document, the suppression and the site's tables follow. Check-ins and the survey are counted
 * per round only, too few per country ({@link CareFigures}).
 */
public enum Measure {
    /** Applications held for the round (unconfirmed ones that expired are gone, erased ones too). */
    APPLIED,
    /** Applications whose address was confirmed, whatever happened to them afterwards. */
    CONFIRMED,
    /** People published into a partnership of the round, at the match date or later. */
    MATCHED,
    /** People placed by a re-match after the match date (their first partner left). */
    REMATCHED,
    /** People who withdrew from the round. */
    WITHDRAWN;

    /** The measure's name in the figures document ({@code applied}, {@code rematched}...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
