package org.iln.site;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The programme as the data files describe it: rounds, countries and the signup form's choices. Lists are sorted the way the manifest publishes them.
 */
record Programme(List<Round> rounds, List<Country> countries, Choices choices) {

    Programme {
        rounds = List.copyOf(rounds);
        countries = List.copyOf(countries);
    }

    Optional<Round> round(String id) {
        return rounds.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Regions in the order the country index lists them. */
    List<String> regions() {
        return countries.stream().map(Country::region).distinct().sorted().toList();
    }

    /** One round of the programme, from data/rounds.yml. */
    record Round(String id, String title, LocalDate opens, LocalDate closes, LocalDate matchDate,
                 LocalDate starts, LocalDate ends, int countryCapPercent,
                 List<Contact> coordinators) {
        Round {
            coordinators = List.copyOf(coordinators);
        }
    }

    /** A programme team contact (a public role address), and the language their mail is in (null: the default). */
    record Contact(String name, String email, String language) {
    }

    /** An ISO 3166-1 country with its volunteer coordinators, from data/countries.yml. */
    record Country(String code, String name, String region, List<Coordinator> coordinators) {
        Country {
            coordinators = List.copyOf(coordinators);
        }

        /** Lower-case code, used in the page's file name. */
        String slug() {
            return code.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A country coordinator's public contact (a role address or a page), and the language their mail is in (null: the default). */
    record Coordinator(String name, String contact, String language) {

        /** Whether the contact is an email address (rendered as a mailto link) rather than a page. */
        boolean email() {
            return contact.contains("@") && !contact.startsWith("http");
        }
    }

    /** One choice on the signup form, with an optional hint shown under it. */
    record Choice(String id, String label, String hint) {
    }

    /** A language the signup form offers (ISO 639-1). */
    record Language(String code, String name) {
    }

    /** The signup form's choice lists; the functions validate against the same lists. */
    record Choices(List<Choice> sectors, List<Choice> careerStages, List<Choice> interests,
                   List<Language> languages, List<String> timeZones, List<Choice> heardFrom) {
        Choices {
            sectors = List.copyOf(sectors);
            careerStages = List.copyOf(careerStages);
            interests = List.copyOf(interests);
            languages = List.copyOf(languages);
            timeZones = List.copyOf(timeZones);
            heardFrom = List.copyOf(heardFrom);
        }
    }
}
