package org.iln.matching;

import java.time.Instant;
import java.util.List;

/**
 * One confirmed application in a matching pool: who the person is, as far as matching needs to
 * know, and what they asked for in a partner.
 *
 * <p>Optional lists arrive as {@code null} from JSON and are stored empty; required fields are
 * checked by {@link Pool#validate()} so that the error can name the participant.
 *
 * @param id stable participant id, unique in the pool
 * @param country ISO 3166-1 alpha-2 code of the country where the person works
 * @param timezone IANA time-zone id, e.g. {@code Australia/Sydney}
 * @param languages languages the person can work in (at least one)
 * @param sector library sector id, e.g. {@code academic}
 * @param careerStage one of {@code student}, {@code early}, {@code mid}, {@code senior}
 * @param interests up to a few areas of interest
 * @param prefers stated partner preferences; {@code null} means no preference
 * @param openToAny whether unmet preferences should cost nothing (default false)
 * @param maxPartners 1, or 2 for someone willing to be in a group of three (default 1)
 * @param previousPartners ids of earlier partners, never matched again
 * @param appliedAt when the person applied (earlier waits longer and goes first)
 */
public record Participant(
        String id,
        String country,
        String timezone,
        List<String> languages,
        String sector,
        String careerStage,
        List<String> interests,
        Preferences prefers,
        Boolean openToAny,
        Integer maxPartners,
        List<String> previousPartners,
        Instant appliedAt) {

    /** Career stages in order, earliest first. */
    public static final List<String> CAREER_STAGES = List.of("student", "early", "mid", "senior");

    public Participant {
        languages = languages == null ? List.of() : Pool.copy(languages);
        interests = interests == null ? List.of() : Pool.copy(interests);
        previousPartners = previousPartners == null ? List.of() : Pool.copy(previousPartners);
        prefers = prefers == null ? Preferences.NONE : prefers;
        maxPartners = maxPartners == null ? 1 : maxPartners;
        openToAny = openToAny != null && openToAny;
    }

    /**
     * What a participant asked for in a partner.
     *
     * @param sector {@code same}, {@code different} or {@code any}
     * @param careerStage {@code same}, {@code earlier}, {@code later} or {@code any}
     * @param regions preferred regions of the partner's country (empty: any)
     * @param excludeCountries countries the person does not want a partner from (a hard rule)
     */
    public record Preferences(String sector, String careerStage, List<String> regions, List<String> excludeCountries) {

        /** No preference at all. */
        public static final Preferences NONE = new Preferences("any", "any", List.of(), List.of());

        public Preferences {
            sector = sector == null ? "any" : sector;
            careerStage = careerStage == null ? "any" : careerStage;
            regions = regions == null ? List.of() : Pool.copy(regions);
            excludeCountries = excludeCountries == null ? List.of() : Pool.copy(excludeCountries);
        }
    }
}
