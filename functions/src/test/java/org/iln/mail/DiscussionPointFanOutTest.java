package org.iln.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.SentMail;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@ExtendWith(AwsEmulator.class)
class DiscussionPointFanOutTest {

    /** The fixture's first point ("Getting to know you", round 2026-1) is sent on this day. */
    static final Instant SEND_DAY = Instant.parse("2026-02-23T06:00:00Z");

    @Test
    void a_point_reaches_every_active_participant_once_and_no_withdrawn_unsubscribed_or_bounced_one(Aws aws) {
        // given: 1,000 applications; every 20th withdrawn, unsubscribed, bounced or never matched
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Set<String> excluded = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = String.format("p-%04d", i);
            int group = i % 20;
            String status = switch (group) {
                case 0 -> "WITHDRAWN";
                case 3 -> "CONFIRMED";
                default -> "MATCHED";
            };
            items.add(application(id, status));
            if (group == 1) {
                items.add(suppression(id, "unsubscribed"));
            } else if (group == 2) {
                items.add(suppression(id, "bounce"));
            }
            if (group <= 3) {
                excluded.add(id + "@example.org");
            }
        }
        seed(aws, items);
        SettableClock clock = new SettableClock(SEND_DAY);
        DispatchHandler handler = new DispatchHandler(aws.clients(), clock, aws.config().withSendRate(1000),
                clock::advance);

        // when
        String first = handler.handleRequest(Map.of(), null);
        String second = handler.handleRequest(Map.of(), null);

        // then
        List<SentMail> sent = aws.sentMail();
        assertThat(first).startsWith("queued 900, sent 800, failed 0, skipped 100");
        assertThat(second).startsWith("queued 0, sent 0");
        assertThat(sent).hasSize(800);
        Set<String> recipients = sent.stream().map(SentMail::to).collect(Collectors.toSet());
        assertThat(recipients).hasSize(800).doesNotContainAnyElementsOf(excluded);
        SentMail one = sent.get(0);
        assertThat(one.subject()).isEqualTo("Discussion point: Getting to know you");
        assertThat(one.html()).contains("<p>Tell your partner about your library.</p>",
                "https://iln.example.org/points/2026-1/01-getting-to-know-you.html");
        assertThat(one.text()).contains("Start with who you are",
                "https://iln.example.org/points/2026-1/01-getting-to-know-you.html");
        assertThat(one.listUnsubscribePost()).hasValue("List-Unsubscribe=One-Click");
    }

    @Test
    void each_reader_gets_the_point_in_their_language_where_it_is_translated_else_in_english_with_a_notice(Aws aws) {
        // given: the point has a Spanish translation beside it, and none in Arabic
        Map<String, AttributeValue> spanish = application("p-es", "MATCHED");
        spanish.put("language", s("es"));
        Map<String, AttributeValue> arabic = application("p-ar", "MATCHED");
        arabic.put("language", s("ar"));
        seed(aws, List.of(spanish, arabic, application("p-en", "MATCHED")));
        SettableClock clock = new SettableClock(SEND_DAY);

        // when
        new DispatchHandler(aws.clients(), clock, aws.config(), clock::advance).handleRequest(Map.of(), null);

        // then: Spanish, from the translation, linking to its page in the Spanish site
        SentMail es = mailTo(aws, "p-es@example.org");
        assertThat(es.subject()).isEqualTo("Tema de conversación: Para conocerse");
        assertThat(es.html()).contains("<html lang=\"es\" dir=\"ltr\">", "<p>Háblele a su compañero de su biblioteca.</p>",
                "https://iln.example.org/es/points/2026-1/01-getting-to-know-you.html")
                .doesNotContain("Tell your partner", "aún no está traducido");
        assertThat(es.text()).contains("Empiece por quién es", "Coméntelo con su compañero");
        // Arabic: the English original, marked as English inside the right-to-left mail, under a notice in Arabic
        SentMail ar = mailTo(aws, "p-ar@example.org");
        assertThat(ar.subject()).isEqualTo("نقطة نقاش: Getting to know you");
        assertThat(ar.html()).contains("<html lang=\"ar\" dir=\"rtl\">", "لم تُترجم نقطة النقاش هذه إلى لغتك بعد",
                "<div lang=\"en\" dir=\"ltr\">", "<p>Tell your partner about your library.</p>",
                "https://iln.example.org/ar/points/2026-1/01-getting-to-know-you.html");
        // English: as before
        SentMail en = mailTo(aws, "p-en@example.org");
        assertThat(en.subject()).isEqualTo("Discussion point: Getting to know you");
        assertThat(en.html()).contains("<p>Tell your partner about your library.</p>",
                "https://iln.example.org/points/2026-1/01-getting-to-know-you.html").doesNotContain("translated");
    }

    private static SentMail mailTo(Aws aws, String to) {
        return aws.sentMail().stream().filter(m -> m.to().equals(to)).findFirst()
                .orElseThrow(() -> new AssertionError("no mail to " + to));
    }

    @Test
    void a_point_is_queued_from_its_send_date_for_a_week_and_not_before_or_after(Aws aws) throws Exception {
        // given
        seed(aws, List.of(application("p-1", "MATCHED"), application("p-2", "MATCHED")));
        SettableClock clock = new SettableClock(SEND_DAY.minus(java.time.Duration.ofDays(1)));
        var store = new MailStore(aws.dynamo(), Aws.TABLE);
        DiscussionPoints points = new DiscussionPoints(new org.iln.store.ApplicationStore(aws.dynamo(), Aws.TABLE), store,
                new Outbox(store, clock), Aws.SITE, clock);
        var programme = org.iln.programme.ProgrammeSource.fromFile(Aws.programmeFixture());

        // when
        int dayBefore = points.queueDue(programme);
        clock.set(SEND_DAY.plus(java.time.Duration.ofDays(DiscussionPoints.CATCH_UP_DAYS + 1)));
        int weekAfter = points.queueDue(programme);
        clock.set(SEND_DAY);
        int onTheDay = points.queueDue(programme);
        int again = points.queueDue(programme);

        // then
        assertThat(dayBefore).isZero();
        assertThat(weekAfter).isZero();
        assertThat(onTheDay).isEqualTo(2);
        assertThat(again).isZero();
        assertThat(store.dueMail(SEND_DAY).toList()).containsExactlyInAnyOrder(
                "point:2026-1:01-getting-to-know-you:p-1", "point:2026-1:01-getting-to-know-you:p-2");
    }

    private static Map<String, AttributeValue> application(String id, String status) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("ROUND#2026-1"));
        item.put("sk", s("APP#" + id));
        item.put("itemType", s("APPLICATION"));
        item.put("addressHash", s("hash-" + id));
        item.put("round", s("2026-1"));
        item.put("participantId", s(id));
        item.put("status", s(status));
        item.put("createdAt", s("2026-01-20T10:00:00Z"));
        item.put("confirmedAt", s("2026-01-20T11:00:00Z"));
        item.put("confirmedRound", s("2026-1"));
        item.put("confirmedOrder", s("2026-01-20T11:00:00.000000Z#" + id));
        item.put("givenName", s("Name " + id));
        item.put("email", s(id + "@example.org"));
        item.put("country", s("NG"));
        return item;
    }

    private static Map<String, AttributeValue> suppression(String id, String reason) {
        return Map.of("pk", s("SUPPRESS#hash-" + id), "sk", s("SUPPRESS"), "itemType", s("SUPPRESSION"),
                "addressHash", s("hash-" + id), "reason", s(reason), "at", s("2026-02-01T00:00:00Z"));
    }

    /** BatchWriteItem in 25s: moto serves one request at a time, so fewer requests is faster. */
    static void seed(Aws aws, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> unprocessed = Map.of(Aws.TABLE, batch);
            while (!unprocessed.isEmpty()) {
                Map<String, List<WriteRequest>> request = unprocessed;
                unprocessed = aws.dynamo().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
