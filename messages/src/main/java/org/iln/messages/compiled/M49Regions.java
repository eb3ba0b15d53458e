package org.iln.messages.compiled;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The UN M49 codes of the regions the programme's data files name ({@code site/data/countries.yml}),
 * so that CLDR can name each region in every language: one list for the site and the functions.
 */
public final class M49Regions {

    private static final Map<String, String> CODES = Map.of(
            "Africa", "002", "Americas", "019", "Asia", "142", "Europe", "150", "Oceania", "009");

    private M49Regions() {
    }

    /** The M49 code of a region as the data files name it ("Asia": "142"), if it is one of them. */
    public static Optional<String> code(String dataName) {
        return Optional.ofNullable(dataName).map(CODES::get);
    }

    /** Every region's M49 code. */
    public static Collection<String> codes() {
        return CODES.values();
    }
}
