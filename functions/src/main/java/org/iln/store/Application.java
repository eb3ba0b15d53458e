package org.iln.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One person's application to one round, as stored: who they are, what they asked for, and
 * where it stands (unconfirmed, confirmed, waitlisted).
 *
 * @param round the round id
 * @param participantId an opaque random id, unique per application
 * @param addressHash keyed hash of the address (the key; never the address)
 * @param profile what the person told us
 * @param status where the application stands
 * @param createdAt when it was stored
 * @param confirmedAt when the address was confirmed, if it was
 * @param waitlistedFor the round a waitlisted application was invited to, if any
 */
public record Application(
        String round,
        String participantId,
        String addressHash,
        Profile profile,
        Status status,
        Instant createdAt,
        Optional<Instant> confirmedAt,
        Optional<String> waitlistedFor) {

    public Application {
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(addressHash, "addressHash");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        Objects.requireNonNull(waitlistedFor, "waitlistedFor");
    }

    /** Where an application stands. */
    public enum Status {
        /** Stored, address not yet confirmed; expires after 48 hours. */
        UNCONFIRMED,
        /** Address confirmed: eligible for matching. */
        CONFIRMED,
        /** Confirmed, but over the country cap: invited to the next round instead. */
        WAITLISTED,
        /**
         * In a published partnership: an active participant, who gets the round's discussion
         * points (set by matching; added with the dispatch work, which reads it).
         */
        MATCHED,
        /** Left the round: gets no more programme mail for it (set by matching/coordinators). */
        WITHDRAWN,
        /**
         * Was matched and stayed to the round's end: the round-end job sent the survey and the
         * offer to join the next round, and moved the application here from {@code MATCHED}.
         */
        ROUND_ENDED
    }

    /**
     * What a person told us when they applied, validated and normalised.
     *
     * @param maxPartners 1, or 2 when willing to be in a group of three
     * @param language the tag of the language their pages and mail are in (the signup form's)
     */
    public record Profile(
            String givenName,
            String familyName,
            String email,
            String country,
            String timezone,
            List<String> languages,
            String sector,
            String role,
            String careerStage,
            List<String> interests,
            String preferSector,
            String preferCareerStage,
            List<String> preferRegions,
            List<String> excludeCountries,
            boolean openToAny,
            int maxPartners,
            String heardFrom,
            String language) {

        /** The default language ({@code en}): applications stored before languages, and any unknown tag. */
        public static final String DEFAULT_LANGUAGE = "en";

        /** A profile in the default language. */
        public Profile(String givenName, String familyName, String email, String country, String timezone,
                       List<String> languages, String sector, String role, String careerStage, List<String> interests,
                       String preferSector, String preferCareerStage, List<String> preferRegions,
                       List<String> excludeCountries, boolean openToAny, int maxPartners, String heardFrom) {
            this(givenName, familyName, email, country, timezone, languages, sector, role, careerStage, interests,
                    preferSector, preferCareerStage, preferRegions, excludeCountries, openToAny, maxPartners, heardFrom,
                    DEFAULT_LANGUAGE);
        }

        public Profile {
            Objects.requireNonNull(givenName, "givenName");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(country, "country");
            familyName = familyName == null ? "" : familyName;
            role = role == null ? "" : role;
            heardFrom = heardFrom == null ? "" : heardFrom;
            language = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language;
            languages = List.copyOf(languages);
            interests = List.copyOf(interests);
            preferRegions = List.copyOf(preferRegions);
            excludeCountries = List.copyOf(excludeCountries);
        }

        @Override
        public String toString() {
            // Profiles end up in exception messages and debuggers; keep the person out of them.
            return "Profile[country=" + country + ", sector=" + sector + ", careerStage=" + careerStage + "]";
        }
    }
}
