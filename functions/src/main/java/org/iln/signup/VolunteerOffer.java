package org.iln.signup;

import java.util.List;
import java.util.Objects;

/**
 * An offer to volunteer as a Country Coordinator, validated and normalised.
 *
 * @param name how the volunteer would like to be called
 * @param email where to confirm the offer and reach them
 * @param country the ISO 3166-1 code of the country they would coordinate
 * @param languages the languages (ISO 639-1) they could help in
 * @param why why they would like to volunteer (a few paragraphs, line breaks as "\n")
 * @param hours how many hours a month they could give
 * @param language the tag of the language of the form they used, which their mail is in
 */
public record VolunteerOffer(String name, String email, String country, List<String> languages, String why,
                             int hours, String language) {

    public VolunteerOffer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(country, "country");
        languages = List.copyOf(languages);
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(language, "language");
    }

    @Override
    public String toString() {
        // Offers end up in exception messages and debuggers; keep the person out of them.
        return "VolunteerOffer[country=" + country + ", languages=" + languages + ", hours=" + hours + "]";
    }
}
