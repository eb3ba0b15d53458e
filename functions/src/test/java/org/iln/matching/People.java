package org.iln.matching;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Small hand-made participants for tests: everything neutral unless a test says otherwise. */
final class People {

    static final LocalDate MATCH_DATE = LocalDate.of(2026, 2, 23);
    static final Instant APPLIED = Instant.parse("2026-02-01T00:00:00Z");

    private People() {
    }

    static Participant person(String id, String country, String... languages) {
        return new Participant(id, country, "UTC", List.of(languages), "academic", "mid", List.of(),
                null, false, 1, List.of(), APPLIED);
    }

    static Participant withInterests(Participant p, String... interests) {
        return new Participant(p.id(), p.country(), p.timezone(), p.languages(), p.sector(), p.careerStage(),
                List.of(interests), p.prefers(), p.openToAny(), p.maxPartners(), p.previousPartners(), p.appliedAt());
    }

    static Participant withMaxPartners(Participant p, int max) {
        return new Participant(p.id(), p.country(), p.timezone(), p.languages(), p.sector(), p.careerStage(),
                p.interests(), p.prefers(), p.openToAny(), max, p.previousPartners(), p.appliedAt());
    }

    static Participant withPrevious(Participant p, String... previous) {
        return new Participant(p.id(), p.country(), p.timezone(), p.languages(), p.sector(), p.careerStage(),
                p.interests(), p.prefers(), p.openToAny(), p.maxPartners(), List.of(previous), p.appliedAt());
    }

    static Participant withTimezone(Participant p, String zone) {
        return new Participant(p.id(), p.country(), zone, p.languages(), p.sector(), p.careerStage(),
                p.interests(), p.prefers(), p.openToAny(), p.maxPartners(), p.previousPartners(), p.appliedAt());
    }

    static Participant withProfile(Participant p, String sector, String stage, Participant.Preferences prefers) {
        return new Participant(p.id(), p.country(), p.timezone(), p.languages(), sector, stage,
                p.interests(), prefers, p.openToAny(), p.maxPartners(), p.previousPartners(), p.appliedAt());
    }

    static Pool pool(Participant... people) {
        return new Pool("test", MATCH_DATE, List.of(people));
    }
}
