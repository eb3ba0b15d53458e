package org.iln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iln.store.Attributes.s;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.iln.mail.MailStore;
import org.iln.store.Application.Status;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The application's status moves of docs/participant-states.md, each against every status: a
 * move is written only from the status its table names (as read, for a withdrawal and an update),
 * and a move written on a stale read (the status changed since: a re-match, a parallel click, a
 * replayed link) is refused by its condition and changes nothing. The personal page's own
 * refusals (no update from the match date, no withdrawal once withdrawn or after the round) are
 * tested in PersonalPageTest.
 */
@ExtendWith(AwsEmulator.class)
class ParticipantStatesTest {

    private static final Instant NOW = Instant.parse("2026-01-20T10:00:00Z");
    private static final Instant KEPT_UNTIL = Instant.parse("2027-06-30T00:00:00Z");
    private static final String ROUND = "2026-1";

    /** Every status move the application store makes, with the statuses it is written from. */
    enum Move {
        CONFIRM(EnumSet.of(Status.UNCONFIRMED)),
        WAITLIST(EnumSet.of(Status.CONFIRMED)),
        END_ROUND(EnumSet.of(Status.MATCHED)),
        /** From the status as read: the page refuses withdrawn and round-ended applications before writing. */
        WITHDRAW(EnumSet.allOf(Status.class)),
        /** From the status as read, which it keeps: the page refuses it from the match date on. */
        UPDATE(EnumSet.allOf(Status.class));

        final Set<Status> from;

        Move(Set<Status> from) {
            this.from = from;
        }

        Status to(Status before) {
            return switch (this) {
                case CONFIRM -> Status.CONFIRMED;
                case WAITLIST -> Status.WAITLISTED;
                case END_ROUND -> Status.ROUND_ENDED;
                case WITHDRAW -> Status.WITHDRAWN;
                case UPDATE -> before;
            };
        }

        boolean write(ApplicationStore store, Application read) {
            return switch (this) {
                case CONFIRM -> store.confirm(read, KEPT_UNTIL, NOW);
                case WAITLIST -> store.waitlist(read, "2026-2", NOW);
                case END_ROUND -> store.endRound(read, NOW);
                case WITHDRAW -> store.withdraw(read, NOW);
                case UPDATE -> store.updateProfile(read, changed(read.profile()), NOW);
            };
        }
    }

    static Stream<Arguments> everyMoveFromEveryStatus() {
        List<Arguments> cases = new ArrayList<>();
        for (Move move : Move.values()) {
            for (Status status : Status.values()) {
                cases.add(Arguments.of(move, status));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("everyMoveFromEveryStatus")
    void a_move_read_fresh_is_written_only_from_the_statuses_it_names(Move move, Status stored, Aws aws) {
        // given
        ApplicationStore store = new ApplicationStore(aws.dynamo(), Aws.TABLE);
        Application read = stored(aws, store, stored);

        // when
        boolean written = move.write(store, read);

        // then
        assertThat(written).isEqualTo(move.from.contains(stored));
        Application after = store.application(ROUND, read.participantId(), NOW).orElseThrow();
        assertThat(after.status()).isEqualTo(written ? move.to(stored) : stored);
        assertThat(after.profile().role()).isEqualTo(written && move == Move.UPDATE ? "Changed role" : "Librarian");
    }

    @ParameterizedTest(name = "{0} from {1}, read before it moved")
    @MethodSource("everyMoveFromEveryStatus")
    void a_move_written_on_a_stale_read_is_refused_and_changes_nothing(Move move, Status readAs, Aws aws) {
        // given: read in one status, then moved by someone else (a re-match, a parallel click) to another
        ApplicationStore store = new ApplicationStore(aws.dynamo(), Aws.TABLE);
        Application read = stored(aws, store, readAs);
        Status now = readAs == Status.WITHDRAWN ? Status.MATCHED : Status.WITHDRAWN;
        setStatus(aws, read, now);

        // when: the move written on the old read
        boolean written = move.write(store, read);

        // then: a move written "as read" is refused; one with a fixed status is judged on the status now
        boolean asRead = move == Move.WITHDRAW || move == Move.UPDATE;
        boolean expected = !asRead && move.from.contains(now);
        assertThat(written).isEqualTo(expected);
        Application after = store.application(ROUND, read.participantId(), NOW).orElseThrow();
        assertThat(after.status()).isEqualTo(expected ? move.to(now) : now);
        assertThat(after.profile().role()).isEqualTo("Librarian");
    }

    /** An application of the round stored in {@code status}, as it was read then. */
    private static Application stored(Aws aws, ApplicationStore store, Status status) {
        String id = UUID.randomUUID().toString();
        String hash = "hash-" + id;
        Application.Profile profile = new Application.Profile("Ana", "Silva", id + "@example.org", "BR",
                "America/Sao_Paulo", List.of("en", "pt"), "academic", "Librarian", "mid", List.of("open-access"),
                "any", "any", List.of(), List.of(), false, 1, "");
        Application unconfirmed = new Application(ROUND, id, hash, profile, Status.UNCONFIRMED, NOW, Optional.empty(),
                Optional.empty());
        assertThat(store.createApplication(unconfirmed,
                new MailStore(aws.dynamo(), Aws.TABLE).claimPut("ack:" + id, hash, "confirm-address", NOW), NOW))
                .isEqualTo(ApplicationStore.CreateOutcome.CREATED);
        if (status != Status.UNCONFIRMED) {
            setStatus(aws, unconfirmed, status);
        }
        return store.application(ROUND, id, NOW).orElseThrow();
    }

    /** Puts the item in {@code status} directly, as another writer's move would have. */
    private static void setStatus(Aws aws, Application application, Status status) {
        aws.dynamo().updateItem(b -> b.tableName(Aws.TABLE)
                .key(Map.of(PK, s("ROUND#" + application.round()), SK, s("APP#" + application.participantId())))
                .updateExpression("SET #status = :s").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":s", s(status.name()))));
    }

    private static Application.Profile changed(Application.Profile p) {
        return new Application.Profile(p.givenName(), p.familyName(), p.email(), p.country(), p.timezone(),
                p.languages(), p.sector(), "Changed role", p.careerStage(), p.interests(), p.preferSector(),
                p.preferCareerStage(), p.preferRegions(), p.excludeCountries(), p.openToAny(), p.maxPartners(),
                p.heardFrom());
    }
}
