package org.iln.round;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a coordinator may see and act on: the whole round (the programme team, listed in the
 * round's {@code coordinators}) or one country's people (a Country Coordinator of
 * {@code site/data/countries.yml}).
 *
 * <p>It travels in a coordinator's signed link as {@link #id()}: {@code programme} or
 * {@code country:AU}.
 *
 * @param country the country's ISO code, or empty for the programme team
 */
public record CoordinatorScope(Optional<String> country) {

    /** The programme team: everything. */
    public static final CoordinatorScope PROGRAMME = new CoordinatorScope(Optional.empty());

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}");

    public CoordinatorScope {
        Objects.requireNonNull(country, "country");
        country.ifPresent(code -> {
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code");
            }
        });
    }

    /** A Country Coordinator's scope. */
    public static CoordinatorScope country(String code) {
        return new CoordinatorScope(Optional.of(code));
    }

    /** The scope a link names ({@link #id()}), if it names one. */
    public static Optional<CoordinatorScope> parse(String id) {
        if ("programme".equals(id)) {
            return Optional.of(PROGRAMME);
        }
        if (id != null && id.startsWith("country:") && CODE.matcher(id.substring(8)).matches()) {
            return Optional.of(country(id.substring(8)));
        }
        return Optional.empty();
    }

    /** How the scope is written in a link's stored half and in the audit. */
    public String id() {
        return country.map(c -> "country:" + c).orElse("programme");
    }

    /** Whether this is the programme team, who alone may approve a draft. */
    public boolean isProgramme() {
        return country.isEmpty();
    }

    /** Whether a row or person of these countries is this coordinator's to see. */
    public boolean sees(Collection<String> countries) {
        return country.isEmpty() || countries.contains(country.get());
    }

    /** Whether one person of this country is this coordinator's. */
    public boolean sees(String personCountry) {
        return country.isEmpty() || country.get().equals(personCountry == null ? "" : personCountry.toUpperCase(Locale.ROOT));
    }
}
