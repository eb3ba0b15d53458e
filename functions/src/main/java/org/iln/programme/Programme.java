package org.iln.programme;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The programme manifest ({@code programme.json}) as the bake writes it: the one source of truth
 * the site and the functions share (see docs/content-model.md).
 *
 * @param version the manifest format version (1)
 * @param baseUrl the public site's origin
 * @param rounds every round, sorted by opening date
 * @param discussionPoints published discussion points
 * @param countries every country a participant may work in
 * @param choices the signup form's lists
 */
public record Programme(
        int version,
        String baseUrl,
        List<Round> rounds,
        List<DiscussionPoint> discussionPoints,
        List<Country> countries,
        Choices choices) {

    public Programme {
        rounds = rounds == null ? List.of() : rounds.stream()
                .sorted(Comparator.comparing(Round::opens)).toList();
        discussionPoints = discussionPoints == null ? List.of() : List.copyOf(discussionPoints);
        countries = countries == null ? List.of() : List.copyOf(countries);
        Objects.requireNonNull(choices, "choices");
    }

    /** The round taking applications on {@code day} (UTC), the earliest-opening one if several. */
    public Optional<Round> roundOpenOn(LocalDate day) {
        return rounds.stream().filter(r -> r.isOpenOn(day)).findFirst();
    }

    /** The first round opening after {@code day}. */
    public Optional<Round> nextRoundOpeningAfter(LocalDate day) {
        return rounds.stream().filter(r -> r.opens().isAfter(day)).findFirst();
    }

    /** The round with this id. */
    public Optional<Round> round(String id) {
        return rounds.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The round that opens next after {@code round} opened. */
    public Optional<Round> roundAfter(Round round) {
        return rounds.stream().filter(r -> r.opens().isAfter(round.opens())).findFirst();
    }

    /** The country with this ISO 3166-1 alpha-2 code. */
    public Optional<Country> country(String code) {
        return countries.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The distinct region names the countries belong to, sorted. */
    public Set<String> regions() {
        Set<String> regions = new TreeSet<>();
        countries.forEach(c -> regions.add(c.region()));
        return regions;
    }

    /** One round of the programme; dates are whole UTC days. */
    public record Round(
            String id,
            String title,
            LocalDate opens,
            LocalDate closes,
            LocalDate matchDate,
            LocalDate starts,
            LocalDate ends,
            int countryCapPercent,
            List<Coordinator> coordinators) {

        public Round {
            Objects.requireNonNull(id, "round id");
            Objects.requireNonNull(opens, "round opens");
            Objects.requireNonNull(closes, "round closes");
            if (closes.isBefore(opens)) {
                throw new IllegalArgumentException("round " + id + " closes before it opens");
            }
            if (countryCapPercent < 1 || countryCapPercent > 100) {
                throw new IllegalArgumentException("round " + id + " countryCapPercent must be 1..100");
            }
            coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
        }

        /** Whether applications are taken on {@code day}: from opening day to closing day inclusive. */
        public boolean isOpenOn(LocalDate day) {
            return !day.isBefore(opens) && !day.isAfter(closes);
        }

        /** Whether applications have closed by {@code day}. */
        public boolean hasClosedBy(LocalDate day) {
            return day.isAfter(closes);
        }

        /**
         * When this round's applications and partnerships are deleted (their TTL): twelve months
         * after the round ends, as the privacy notice promises ("How long we keep it").
         */
        public Instant personalDataKeptUntil() {
            LocalDate last = ends != null ? ends : closes;
            return last.plus(KEPT_AFTER_THE_ROUND).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** How long after its end a round's applications and partnerships are kept. */
    public static final Period KEPT_AFTER_THE_ROUND = Period.ofMonths(12);

    /**
     * A programme team contact (a public role address, never a volunteer's private one), and the
     * tag of the language their mail is in (null: the default one).
     */
    public record Coordinator(String name, String email, String language) {

        /** A contact whose mail is in the default language. */
        public Coordinator(String name, String email) {
            this(name, email, null);
        }
    }

    /**
     * A published discussion point and the day it is sent, with the translations coordinators
     * wrote beside it ({@code point.es.md}).
     */
    public record DiscussionPoint(
            String round, String slug, String title, LocalDate sendDate, List<String> tags, String summary,
            String url, String html, List<Translation> translations) {

        public DiscussionPoint {
            tags = tags == null ? List.of() : List.copyOf(tags);
            translations = translations == null ? List.of() : List.copyOf(translations);
        }

        /** A point with no translation. */
        public DiscussionPoint(String round, String slug, String title, LocalDate sendDate, List<String> tags,
                               String summary, String url, String html) {
            this(round, slug, title, sendDate, tags, summary, url, html, List.of());
        }

        /** Its translation into {@code language} (a tag such as {@code es}), if a coordinator wrote one. */
        public Optional<Translation> in(String language) {
            return translations.stream().filter(t -> t.language().equals(language)).findFirst();
        }

        /** A point's title, summary and body in one language, and its page in that language's edition of the site. */
        public record Translation(String language, String title, String summary, String url, String html) {

            public Translation {
                Objects.requireNonNull(language, "translation language");
            }
        }
    }

    /**
     * A country participants may work in, with its volunteer Country Coordinators (the roster in
     * {@code site/data/countries.yml}).
     */
    public record Country(String code, String name, String region, List<Coordinator> coordinators) {

        public Country {
            coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
        }

        /** A country without Country Coordinators. */
        public Country(String code, String name, String region) {
            this(code, name, region, List.of());
        }

        /**
         * A Country Coordinator and their public role contact (an address or a page, already shown
         * on the country's page); only an address gets the country's draft and private page, in
         * {@code language} (a tag; null: the default one).
         */
        public record Coordinator(String name, String contact, String language) {

            /** A Country Coordinator whose mail is in the default language. */
            public Coordinator(String name, String contact) {
                this(name, contact, null);
            }

            /** Whether the contact is an email address rather than a page. */
            public boolean hasAddress() {
                return contact != null && contact.contains("@") && !contact.startsWith("http");
            }
        }
    }

    /** One option of a signup choice list. */
    public record Choice(String id, String label) {
    }

    /** A language participants may work in (ISO 639-1 code). */
    public record Language(String code, String name) {
    }

    /** The signup form's choice lists; the functions validate against these very lists. */
    public record Choices(
            List<Choice> sectors,
            List<Choice> careerStages,
            List<Choice> interests,
            List<Language> languages,
            List<String> timeZones,
            List<Choice> heardFrom) {

        public Choices {
            sectors = sectors == null ? List.of() : List.copyOf(sectors);
            careerStages = careerStages == null ? List.of() : List.copyOf(careerStages);
            interests = interests == null ? List.of() : List.copyOf(interests);
            languages = languages == null ? List.of() : List.copyOf(languages);
            timeZones = timeZones == null ? List.of() : List.copyOf(timeZones);
            heardFrom = heardFrom == null ? List.of() : List.copyOf(heardFrom);
        }
    }
}
