package org.iln.cli.dev;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.iln.mail.MailStore;
import org.iln.programme.Programme;
import org.iln.store.AddressHasher;
import org.iln.store.Application;
import org.iln.store.Application.Profile;
import org.iln.store.ApplicationStore;

/**
 * Clearly fictional librarians, confirmed in the round that is open, so that a newcomer who signs
 * up locally has partners to be matched with at once. Addresses are at example.org, which never
 * receives mail. Seeding twice adds no one twice.
 */
public final class DemoParticipants {

    /** The demo people: one per country, spread over regions, sectors and career stages. */
    static final List<Profile> PEOPLE = List.of(
            person("Aiko", "Tanabe", "JP", "Asia/Tokyo", List.of("en", "ja"), "academic", "Research data librarian",
                    "mid", List.of("research-data", "open-access", "library-systems")),
            person("Mateus", "Ferreira", "BR", "America/Sao_Paulo", List.of("en", "pt"), "public", "Branch manager",
                    "senior", List.of("community-engagement", "leadership-management", "advocacy")),
            person("Wanjiru", "Kamau", "KE", "Africa/Nairobi", List.of("en", "sw"), "academic", "Subject librarian",
                    "early", List.of("information-literacy", "open-access", "professional-development")),
            person("Liisa", "Virtanen", "FI", "Europe/Helsinki", List.of("en", "fi"), "school", "School librarian",
                    "mid", List.of("school-libraries", "reader-development", "childrens-services")),
            person("Priya", "Raghavan", "IN", "Asia/Kolkata", List.of("en", "hi"), "special", "Knowledge manager",
                    "senior", List.of("health-information", "research-support", "leadership-management")),
            person("Tom", "Whitlock", "AU", "Australia/Sydney", List.of("en"), "government", "Collections archivist",
                    "early", List.of("digital-preservation", "digitisation", "archives-records")),
            person("Lucía", "Moreno", "ES", "Europe/Madrid", List.of("en", "es"), "public", "Outreach librarian",
                    "mid", List.of("outreach-marketing", "diversity-inclusion", "community-engagement")),
            person("Sam", "Okafor-Reid", "CA", "America/Toronto", List.of("en", "fr"), "lis-student", "MLIS student",
                    "student", List.of("ux-design", "accessibility", "data-coding")));

    /** The demo people (the log privacy test looks for their names and addresses). */
    public static List<Profile> people() {
        return PEOPLE;
    }

    private final ApplicationStore store;
    private final MailStore mail;
    private final AddressHasher hasher;
    private final Clock clock;

    public DemoParticipants(ApplicationStore store, MailStore mail, AddressHasher hasher, Clock clock) {
        this.store = store;
        this.mail = mail;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** The outcome of seeding: the round seeded (if one is open) and how many people were added. */
    public record Seeded(Optional<Programme.Round> round, int added) {
    }

    /** Adds the demo people, confirmed, to the round open today; nothing when no round is open. */
    public Seeded seed(Programme programme) {
        Instant now = clock.instant();
        Optional<Programme.Round> open = programme.roundOpenOn(LocalDate.ofInstant(now, ZoneOffset.UTC));
        if (open.isEmpty()) {
            return new Seeded(Optional.empty(), 0);
        }
        String round = open.get().id();
        int added = 0;
        for (Profile profile : PEOPLE) {
            String hash = hasher.address(profile.email());
            Application application = new Application(round, UUID.randomUUID().toString(), hash, profile,
                    Application.Status.UNCONFIRMED, now, Optional.empty(), Optional.empty());
            if (store.createApplication(application, mail.claimPut("demo-seed:" + round + ":" + hash, hash, "demo-seed", now),
                    now)
                    == ApplicationStore.CreateOutcome.CREATED
                    && store.confirm(application, open.get().personalDataKeptUntil(), now)) {
                added++;
            }
        }
        return new Seeded(open, added);
    }

    private static Profile person(String given, String family, String country, String timezone, List<String> languages,
                                  String sector, String role, String stage, List<String> interests) {
        String email = (given + "." + family).toLowerCase(java.util.Locale.ROOT)
                .replace("í", "i").replace("-", "") + "@example.org";
        return new Profile(given, family, email, country, timezone, languages, sector, role, stage, interests,
                "any", "any", List.of(), List.of(), true, 1, "colleague");
    }
}
