package org.iln.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iln.mail.DispatchFixture.introduction;
import static org.iln.mail.DispatchFixture.plenty;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.SentMail;
import org.iln.token.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

@ExtendWith(AwsEmulator.class)
class DispatcherTest {

    static final Map<String, Object> PARTNER = Map.of(
            "givenName", "<script>alert('x')</script> & Zoë",
            "familyName", "Okafor",
            "country", "Nigeria",
            "role", "Systems librarian",
            "sector", "Academic library",
            "interests", List.of("open access", "leadership"),
            "email", "zoe@example.org");

    static Map<String, Object> introModel(String givenName) {
        return Map.of("givenName", givenName, "roundTitle", "Round 1, 2026", "roundEnds", "2026-06-22",
                "partners", List.of(PARTNER), "reasons", List.of("You both work on open access"));
    }

    @Test
    void programme_mail_arrives_with_one_click_unsubscribe_reply_to_a_message_id_and_both_parts(Aws aws) {
        // given
        DispatchFixture f = new DispatchFixture(aws);
        f.outbox.enqueue(introduction("p-1", introModel("Ana")));

        // when
        Dispatcher.Report report = f.dispatcher(14).dispatch(DispatchFixture::plenty);

        // then
        assertThat(report.sent()).isEqualTo(1);
        List<SentMail> sent = aws.sentMail();
        assertThat(sent).hasSize(1);
        SentMail mail = sent.get(0);
        assertThat(mail.to()).isEqualTo("p-1@example.org");
        assertThat(mail.listUnsubscribe()).hasValueSatisfying(h ->
                assertThat(h).startsWith("<https://iln.example.org/api/unsubscribe?token=").endsWith(">"));
        assertThat(mail.listUnsubscribePost()).hasValue("List-Unsubscribe=One-Click");
        assertThat(mail.raw()).contains("Reply-To: team@iln.example.org")
                .containsPattern("Message-ID: <[0-9a-f]{24}\\.iln@iln\\.example\\.org>");
        assertThat(mail.text()).contains("Meet your partner", "Nigeria", "zoe@example.org",
                "You both work on open access", "Stop programme email: https://iln.example.org/api/unsubscribe?token=");
        assertThat(mail.html()).contains("Nigeria", "mailto:zoe@example.org", "<li>You both work on open access</li>");
        String header = mail.listUnsubscribe().orElseThrow();
        String token = header.substring(header.indexOf("?token=") + 7, header.length() - 1);
        assertThat(f.links.check(token, Purpose.UNSUBSCRIBE, f.clock.instant())).get()
                .satisfies(t -> assertThat(t.participantId()).isEqualTo("p-1"));
        assertThat(f.store.mail("introduction:2026-1:pair-p-1:p-1")).get()
                .satisfies(m -> assertThat(m.status()).isEqualTo(StoredMail.Status.SENT));
    }

    @Test
    void a_name_holding_a_script_tag_is_escaped_in_html_and_unchanged_in_text(Aws aws) {
        // given
        DispatchFixture f = new DispatchFixture(aws);
        f.outbox.enqueue(introduction("p-1", introModel("<b>Ana</b>")));

        // when
        f.dispatcher(14).dispatch(DispatchFixture::plenty);

        // then
        SentMail mail = aws.sentMail().get(0);
        assertThat(mail.html()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Zoë", "&lt;b&gt;Ana&lt;/b&gt;")
                .doesNotContain("<script>", "<b>Ana");
        // as typed in text, each name isolated (FSI ... PDI) so that right-to-left text cannot reorder the line
        assertThat(mail.text()).contains("\u2068<script>alert('x')</script> & Zoë", "Hello \u2068<b>Ana</b>\u2069,");
    }

    @Test
    void a_dispatcher_that_dies_between_claim_and_send_is_replaced_after_the_lease_and_the_message_goes_once(Aws aws) {
        // given: the first SES call never happens, as if the process died right after claiming
        DispatchFixture f = new DispatchFixture(aws);
        f.outbox.enqueue(introduction("p-1", introModel("Ana")));
        Dispatcher crashing = f.dispatcher(14, call -> {
            if (call == 1) {
                throw new ProcessDied();
            }
        });

        // when
        assertThatThrownBy(() -> crashing.dispatch(DispatchFixture::plenty)).isInstanceOf(ProcessDied.class);
        Dispatcher.Report duringLease = f.dispatcher(14).dispatch(DispatchFixture::plenty);
        f.clock.advance(Dispatcher.LEASE.plusSeconds(1));
        Dispatcher.Report afterLease = f.dispatcher(14).dispatch(DispatchFixture::plenty);
        Dispatcher.Report again = f.dispatcher(14).dispatch(DispatchFixture::plenty);

        // then
        assertThat(duringLease.sent()).isZero();
        assertThat(afterLease.sent()).isEqualTo(1);
        assertThat(again.sent()).isZero();
        assertThat(aws.sentMail()).hasSize(1);
        assertThat(f.store.mail("introduction:2026-1:pair-p-1:p-1")).get()
                .satisfies(m -> assertThat(m.attempts()).isEqualTo(2));
    }

    @Test
    void throttling_is_retried_with_growing_pauses_and_every_message_goes_exactly_once(Aws aws) {
        // given: SES answers the first four calls with throttling
        DispatchFixture f = new DispatchFixture(aws);
        IntStream.rangeClosed(1, 5).forEach(i -> f.outbox.enqueue(introduction("p-" + i, introModel("Ana"))));
        Dispatcher dispatcher = f.failing(1000, call -> call <= 4
                ? TooManyRequestsException.builder().statusCode(429).message("Maximum sending rate exceeded.").build()
                : null);

        // when
        Dispatcher.Report report = dispatcher.dispatch(DispatchFixture::plenty);

        // then
        assertThat(report.sent()).isEqualTo(5);
        assertThat(report.failed()).isZero();
        assertThat(aws.sentMail()).extracting(SentMail::to).containsExactlyInAnyOrder(
                "p-1@example.org", "p-2@example.org", "p-3@example.org", "p-4@example.org", "p-5@example.org");
        List<Duration> backoffs = f.pauses.stream().filter(d -> d.toMillis() >= 100).toList();
        assertThat(backoffs).hasSize(4);
        assertThat(backoffs.get(3)).isGreaterThan(backoffs.get(0));
    }

    @Test
    void throttling_that_does_not_end_puts_the_message_back_and_stops_the_run(Aws aws) {
        // given
        DispatchFixture f = new DispatchFixture(aws);
        f.outbox.enqueue(introduction("p-1", introModel("Ana")));
        f.outbox.enqueue(introduction("p-2", introModel("Ana")));
        Dispatcher dispatcher = f.failing(1000, call ->
                TooManyRequestsException.builder().statusCode(429).message("slow down").build());

        // when
        Dispatcher.Report report = dispatcher.dispatch(DispatchFixture::plenty);

        // then
        assertThat(report.stoppedBecause()).hasValue("ses-unavailable");
        assertThat(report.requeued()).isEqualTo(1);
        assertThat(aws.sentMail()).isEmpty();
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(f.dispatcher(1000).dispatch(DispatchFixture::plenty).sent()).isEqualTo(2);
        assertThat(aws.sentMail()).hasSize(2);
    }

    @Test
    void an_ses_refusal_is_recorded_on_its_message_without_the_address_and_the_batch_goes_on(Aws aws) {
        // given: SES rejects the second message
        DispatchFixture f = new DispatchFixture(aws);
        IntStream.rangeClosed(1, 3).forEach(i -> f.outbox.enqueue(introduction("p-" + i, introModel("Ana"))));
        Dispatcher dispatcher = f.failing(1000, call -> call == 2
                ? (RuntimeException) MessageRejectedException.builder().statusCode(400)
                        .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                                .errorCode("MessageRejected").errorMessage("Email address is not verified: p-2@example.org")
                                .build())
                        .build()
                : null);

        // when
        Dispatcher.Report report = dispatcher.dispatch(DispatchFixture::plenty);

        // then
        assertThat(report.sent()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(aws.sentMail()).hasSize(2);
        List<StoredMail> failed = IntStream.rangeClosed(1, 3)
                .mapToObj(i -> f.store.mail("introduction:2026-1:pair-p-" + i + ":p-" + i).orElseThrow())
                .filter(m -> m.status() == StoredMail.Status.FAILED).toList();
        assertThat(failed).hasSize(1);
        String error = aws.items().stream().filter(i -> "FAILED".equals(i.get("status") == null ? null : i.get("status").s()))
                .findFirst().orElseThrow().get("error").s();
        assertThat(error).isEqualTo("ses: MessageRejected (400)").doesNotContain("@");
    }

    @Test
    void programme_mail_to_a_suppressed_address_is_skipped(Aws aws) {
        // given
        DispatchFixture f = new DispatchFixture(aws);
        f.outbox.enqueue(introduction("p-1", introModel("Ana")));
        f.suppressions.suppress("hash-p-1", "bounce", f.clock.instant());

        // when
        Dispatcher.Report report = f.dispatcher(14).dispatch(DispatchFixture::plenty);

        // then
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(aws.sentMail()).isEmpty();
        assertThat(f.store.mail("introduction:2026-1:pair-p-1:p-1")).get()
                .satisfies(m -> assertThat(m.status()).isEqualTo(StoredMail.Status.SKIPPED));
    }

    @Test
    void a_recipient_holding_a_line_break_never_becomes_a_header(Aws aws) {
        // given
        DispatchFixture f = new DispatchFixture(aws);
        f.outbox.enqueue(new OutboxMessage("introduction:2026-1:pair-9:p-9", "match-introduction",
                "p-9@example.org\r\nBcc: everyone@example.org", "hash-p-9", introModel("Ana"),
                List.of("team@iln.example.org\r\nX-Injected: yes"), true, java.util.Optional.of("2026-1"),
                java.util.Optional.of("p-9")));
        f.outbox.enqueue(introduction("p-1", introModel("Ana")));

        // when
        Dispatcher.Report report = f.dispatcher(14).dispatch(DispatchFixture::plenty);

        // then
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.sent()).isEqualTo(1);
        assertThat(aws.sentMail()).allSatisfy(m -> assertThat(m.raw()).doesNotContain("Bcc:", "X-Injected"));
    }

    @Test
    void sending_keeps_to_the_configured_rate_on_a_simulated_clock(Aws aws) {
        // given
        DispatchFixture f = new DispatchFixture(aws);
        IntStream.rangeClosed(1, 6).forEach(i -> f.outbox.enqueue(introduction("p-" + i, introModel("Ana"))));

        // when
        f.dispatcher(2).dispatch(DispatchFixture::plenty);

        // then: 6 messages at 2 a second, starting with one token, take 2.5 seconds
        assertThat(aws.sentMail()).hasSize(6);
        assertThat(Duration.between(DispatchFixture.NOW, f.clock.instant())).isBetween(
                Duration.ofMillis(2400), Duration.ofMillis(2600));
    }

    @Test
    void a_run_stops_claiming_when_the_lambda_is_nearly_out_of_time(Aws aws) {
        // given
        DispatchFixture f = new DispatchFixture(aws);
        f.outbox.enqueue(introduction("p-1", introModel("Ana")));

        // when
        Dispatcher.Report report = f.dispatcher(14).dispatch(() -> Duration.ofSeconds(5));

        // then
        assertThat(report.stoppedBecause()).hasValue("time");
        assertThat(aws.sentMail()).isEmpty();
        assertThat(f.store.dueMail(f.clock.instant()).toList()).hasSize(1);
    }

    /** Stands for the process dying: an Error, which no sender code catches. */
    static final class ProcessDied extends Error {
        ProcessDied() {
            super("simulated crash between claim and send");
        }
    }
}
