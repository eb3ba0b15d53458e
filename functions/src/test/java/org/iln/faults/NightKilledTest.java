package org.iln.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.iln.mail.MailStore;
import org.iln.round.PartnershipStore;
import org.iln.round.RoundFixture;
import org.iln.round.RoundInvariants;
import org.iln.store.ApplicationStore;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.SentMail;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The matching night's process killed with a real {@code SIGKILL} at each dangerous point of
 * publishing and sending, then restarted, with the following nights run as the schedule runs
 * them (night, then dispatch). Whatever the point: every confirmed person gets exactly one
 * introduction or one no-match letter, no partnership is written twice, nobody holds two active
 * partnerships, no message goes twice, and the night's own invariant checks hold.
 */
@ExtendWith(AwsEmulator.class)
class NightKilledTest {

    /** Ten people who can all be matched, and one nobody can (the only speaker of Japanese). */
    private static final int MATCHABLE = 10;
    private static final String LONER = "p-99";
    static final String INTRODUCTION = "Meet your International Librarians Network partner";
    static final String NO_MATCH = "We could not find you a partner this round";

    @ParameterizedTest(name = "killed {0}")
    @ValueSource(strings = {
        "kill-after-plan",              // the plan frozen, nothing written
        "kill-after-partnership:2",     // a partnership written, its introductions not queued
        "kill-after-introduction:3",    // half of a partnership's introductions queued
        "kill-before-published",        // every partnership and letter written, the round's marker not
        "kill-before-send:4"            // dispatch: a message claimed, not sent
    })
    void a_night_killed_and_restarted_introduces_everyone_once_and_sends_nothing_twice(String point, Aws aws) {
        // given: eleven confirmed applicants on the match date
        RoundFixture round = new RoundFixture(aws);
        round.seed(MATCHABLE, Map.of());
        round.seedLoner(LONER);
        round.clock.set(RoundFixture.MATCH_DATE);

        // when: the process is killed at the point (during the night itself, or while it sends)
        ChildJvm.Exit child;
        if (point.startsWith("kill-before-send")) {
            round.handler().handleRequest(Map.of(), null);
            child = ChildJvm.killedAtPoint("dispatch", aws.endpoint().toString(), round.clock.instant().toString(),
                    point);
        } else {
            child = ChildJvm.killedAtPoint("night", aws.endpoint().toString(), round.clock.instant().toString(), point);
        }
        // and restarted: that night again, then the next two, each followed by dispatch
        nights(aws, round, 3);

        // then
        assertThat(child.status()).as(child.output()).isEqualTo(ChildJvm.KILLED);
        assertThat(child.output()).contains(Fault.PARKED);
        assertEveryoneOnceAndNothingTwice(aws, round, everyone());
    }

    /** From the match date on, {@code count} nights: the night's job, then dispatch once any claim has lapsed. */
    static void nights(Aws aws, RoundFixture round, int count) {
        for (int night = 0; night < count; night++) {
            round.clock.set(RoundFixture.MATCH_DATE.plus(Duration.ofDays(night)));
            round.handler().handleRequest(Map.of(), null);
            round.clock.advance(Duration.ofHours(6));
            Dispatchers.over(aws, aws.clients(), round.clock, pause -> { }).dispatch(() -> Duration.ofMinutes(10));
        }
    }

    static List<String> everyone() {
        return Stream.concat(IntStream.rangeClosed(1, MATCHABLE).mapToObj(RoundFixture::id), Stream.of(LONER))
                .toList();
    }

    /** The promises of issue 22, read from the table and from the mail the emulator accepted. */
    static void assertEveryoneOnceAndNothingTwice(Aws aws, RoundFixture round, List<String> confirmed) {
        List<SentMail> sent = aws.sentMail();
        // every confirmed person got exactly one introduction or one no-match letter
        for (String id : confirmed) {
            List<String> letters = sent.stream().filter(m -> m.to().equals(round.email(id)))
                    .map(SentMail::subject).filter(s -> s.equals(INTRODUCTION) || s.equals(NO_MATCH)).toList();
            assertThat(letters).as("introduction or no-match letters to %s", id).hasSize(1);
        }
        // no partnership written twice, nobody in two active partnerships
        List<Map<String, AttributeValue>> pairs = round.items("PAIR");
        assertThat(pairs).extracting(p -> p.get("pairId").s()).doesNotHaveDuplicates();
        List<String> activeMembers = pairs.stream().filter(p -> p.get("status").s().equals("ACTIVE"))
                .flatMap(p -> p.get("members").l().stream().map(AttributeValue::s)).toList();
        assertThat(activeMembers).doesNotHaveDuplicates();
        assertThat(round.items("PAST_PARTNER")).extracting(i -> i.get("pk").s() + " " + i.get("sk").s())
                .doesNotHaveDuplicates();
        // no message sent twice: one Message-ID, and one of each subject to each address
        assertThat(sent).extracting(m -> header(m.raw(), "Message-ID")).doesNotHaveDuplicates();
        assertThat(sent).extracting(m -> m.to() + " " + m.subject()).doesNotHaveDuplicates();
        // and the night's own checks agree
        RoundInvariants invariants = new RoundInvariants(aws.dynamo(), Aws.TABLE,
                new ApplicationStore(aws.dynamo(), Aws.TABLE), new MailStore(aws.dynamo(), Aws.TABLE),
                new PartnershipStore(aws.dynamo(), Aws.TABLE));
        assertThat(invariants.checkRound(RoundFixture.ROUND).broken()).isFalse();
        assertThat(invariants.checkMail(round.clock.instant())).isZero();
        Map<String, Long> byStatus = round.items("MAIL").stream()
                .collect(Collectors.groupingBy(i -> i.get("status").s(), Collectors.counting()));
        assertThat(byStatus).as("every queued message was sent").containsOnlyKeys("SENT");
    }

    private static String header(String raw, String name) {
        return raw.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " header"));
    }
}
