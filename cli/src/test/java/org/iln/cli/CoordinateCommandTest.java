package org.iln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.iln.cli.dev.DemoParticipants;
import org.iln.cli.dev.LocalAws;
import org.iln.mail.MailStore;
import org.iln.round.DraftReview;
import org.iln.round.PartnershipStore;
import org.iln.round.PartnershipStore.Coordination;
import org.iln.store.AddressHasher;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CoordinateCommandTest {

    private static final String ROUND = "2027-1";
    private static LocalAws aws;
    /** The confirmed participants' ids, as the coordinators' draft report lists them. */
    private static final List<String> ids = new ArrayList<>();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void confirmedApplications() {
        aws = LocalAws.startMoto(new PrintWriter(new StringWriter()));
        ApplicationStore store = new ApplicationStore(aws.clients().dynamo(), aws.table());
        MailStore mail = new MailStore(aws.clients().dynamo(), aws.table());
        AddressHasher hasher = new AddressHasher(new byte[32]);
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        for (Application.Profile profile : DemoParticipants.people().subList(0, 5)) {
            String hash = hasher.address(profile.email());
            Application application = new Application(ROUND, UUID.randomUUID().toString(), hash, profile,
                    Application.Status.UNCONFIRMED, now, Optional.empty(), Optional.empty());
            store.createApplication(application, mail.claimPut("seed:" + hash, hash, "seed", now), now);
            store.confirm(application, now.plus(java.time.Duration.ofDays(365)), now);
            ids.add(application.participantId());
        }
    }

    @BeforeEach
    void noPinsOrForbids() {
        // the tests share one emulator: each starts from a round without pins or forbids
        new PartnershipStore(aws.clients().dynamo(), aws.table()).putCoordination(ROUND, Coordination.NONE);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    private int iln(String... args) {
        CommandLine iln = Iln.commandLine();
        iln.setOut(new PrintWriter(out, true));
        iln.setErr(new PrintWriter(err, true));
        return iln.execute(args);
    }

    private String endpoint() {
        return aws.endpoint().orElseThrow().toString();
    }

    private DraftReview review() {
        return new DraftReview(aws.clients().dynamo(), aws.table(), new PartnershipStore(aws.clients().dynamo(), aws.table()));
    }

    private Coordination saved() {
        return new PartnershipStore(aws.clients().dynamo(), aws.table()).coordination(ROUND);
    }

    @Test
    void pins_and_forbids_of_confirmed_participants_are_saved_for_the_nightly_matching(@TempDir Path dir)
            throws Exception {
        Path pins = Files.writeString(dir.resolve("pins.csv"),
                "# from the draft report\n" + ids.get(0) + "," + ids.get(1) + "\n\n");
        Path forbids = Files.writeString(dir.resolve("forbids.csv"), ids.get(2) + " , " + ids.get(3) + "\n");

        int status = iln("coordinate", "--by", "Ana", "--round", ROUND, "--pins", pins.toString(), "--forbids", forbids.toString(),
                "--aws-endpoint", endpoint());

        assertThat(status).as(err.toString()).isZero();
        assertThat(saved()).isEqualTo(new Coordination(List.of(List.of(ids.get(0), ids.get(1))),
                List.of(List.of(ids.get(2), ids.get(3)))));
        assertThat(out.toString()).contains("1 pins and 1 forbids saved");
    }

    @Test
    void a_change_is_in_the_round_audit_under_by_and_the_same_lists_again_write_nothing(@TempDir Path dir)
            throws Exception {
        Path pins = Files.writeString(dir.resolve("pins.csv"), ids.get(3) + "," + ids.get(2) + "\n");
        int audited = review().actions(ROUND).size();

        int first = iln("coordinate", "--by", "Ana Lima", "--round", ROUND, "--pins", pins.toString(),
                "--aws-endpoint", endpoint());
        int again = iln("coordinate", "--by", "Ana Lima", "--round", ROUND, "--pins", pins.toString(),
                "--aws-endpoint", endpoint());

        assertThat(first).as(err.toString()).isZero();
        assertThat(again).as(err.toString()).isZero();
        List<String> pair = Stream.of(ids.get(2), ids.get(3)).sorted().toList();
        assertThat(review().actions(ROUND)).hasSize(audited + 1).last().satisfies(action -> {
            assertThat(action.by()).isEqualTo("Ana Lima");
            assertThat(action.scope()).isEqualTo("programme");
            assertThat(action.action()).isEqualTo("pin");
            assertThat(action.subject()).isEqualTo(pair.get(0) + " / " + pair.get(1));
        });
        assertThat(out.toString()).contains("recorded in the round's audit as done by Ana Lima",
                "are as saved already", "Nothing was written");
    }

    @Test
    void without_by_it_refuses_and_says_why(@TempDir Path dir) throws Exception {
        Path pins = Files.writeString(dir.resolve("pins.csv"), ids.get(0) + "," + ids.get(1) + "\n");

        assertThat(iln("coordinate", "--round", ROUND, "--pins", pins.toString(), "--aws-endpoint", endpoint()))
                .isEqualTo(2);
        assertThat(iln("coordinate", "--by", " ", "--round", ROUND, "--pins", pins.toString(),
                "--aws-endpoint", endpoint())).isEqualTo(2);
        assertThat(err.toString()).contains("--by", "the round's audit shows who changed");
    }

    @Test
    void a_list_not_given_is_kept_and_a_list_given_replaces_the_old_one(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve("pins.csv"), ids.get(0) + "," + ids.get(1) + "\n");
        Path forbids = Files.writeString(dir.resolve("forbids.csv"), ids.get(2) + "," + ids.get(3) + "\n");
        iln("coordinate", "--by", "Ana", "--round", ROUND, "--pins", first.toString(), "--forbids", forbids.toString(),
                "--aws-endpoint", endpoint());
        Path second = Files.writeString(dir.resolve("pins2.csv"), ids.get(1) + "," + ids.get(4) + "\n");

        int status = iln("coordinate", "--by", "Ana", "--round", ROUND, "--pins", second.toString(), "--aws-endpoint", endpoint());

        assertThat(status).as(err.toString()).isZero();
        assertThat(saved().pins()).containsExactly(List.of(ids.get(1), ids.get(4)));
        assertThat(saved().forbids()).containsExactly(List.of(ids.get(2), ids.get(3)));
    }

    @Test
    void an_unknown_id_a_malformed_line_or_a_double_pin_writes_nothing_and_names_the_line(@TempDir Path dir)
            throws Exception {
        Path good = Files.writeString(dir.resolve("good.csv"), ids.get(0) + "," + ids.get(1) + "\n");
        iln("coordinate", "--by", "Ana", "--round", ROUND, "--pins", good.toString(), "--aws-endpoint", endpoint());
        Coordination before = saved();
        Path bad = Files.writeString(dir.resolve("bad.csv"), String.join("\n",
                ids.get(0) + "," + ids.get(2),
                ids.get(0) + ",not-a-participant",
                ids.get(3),
                ids.get(3) + "," + ids.get(3),
                ids.get(0) + "," + ids.get(4)) + "\n");

        int status = iln("coordinate", "--by", "Ana", "--round", ROUND, "--pins", bad.toString(), "--aws-endpoint", endpoint());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains(
                bad + ":2: second id: not-a-participant is not a confirmed application of round " + ROUND,
                bad + ":3: expected two ids",
                bad + ":4: the two ids are the same",
                ids.get(0) + " is pinned more than once",
                "Nothing was written");
        assertThat(saved()).isEqualTo(before);
    }

    @Test
    void a_pair_both_pinned_and_forbidden_is_refused(@TempDir Path dir) throws Exception {
        Path pins = Files.writeString(dir.resolve("pins.csv"), ids.get(0) + "," + ids.get(1) + "\n");
        Path forbids = Files.writeString(dir.resolve("forbids.csv"), ids.get(1) + "," + ids.get(0) + "\n");

        int status = iln("coordinate", "--by", "Ana", "--round", ROUND, "--pins", pins.toString(), "--forbids", forbids.toString(),
                "--aws-endpoint", endpoint());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("is also pinned");
    }

    @Test
    void without_a_table_to_write_to_it_refuses_before_touching_anything(@TempDir Path dir) throws Exception {
        Path pins = Files.writeString(dir.resolve("pins.csv"), ids.get(0) + "," + ids.get(1) + "\n");

        assertThat(iln("coordinate", "--by", "Ana", "--round", ROUND, "--pins", pins.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--aws-endpoint URL", "--aws-profile NAME --table NAME");
        assertThat(iln("coordinate", "--by", "Ana", "--round", ROUND, "--aws-endpoint", endpoint())).isEqualTo(2);
    }
}
