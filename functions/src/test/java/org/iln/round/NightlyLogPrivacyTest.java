package org.iln.round;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.iln.store.ParticipantStore;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(AwsEmulator.class)
class NightlyLogPrivacyTest {

    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender;
    RoundFixture round;

    @BeforeEach
    void captureLogs(Aws aws) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(captured);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        round = new RoundFixture(aws);
    }

    @AfterEach
    void stopCapturing() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    }

    @Test
    void draft_publish_and_rematch_log_counts_but_no_address_name_or_address_hash() {
        // given / when: a draft night, the match date, and a re-match after a withdrawal
        round.seed(12, Map.of());
        round.seedLoner("p-99");
        round.handler().handleRequest(Map.of(), null);
        round.clock.set(RoundFixture.MATCH_DATE);
        round.handler().handleRequest(Map.of(), null);
        List<String> pair = round.items("PAIR").get(0).get("members").l().stream().map(AttributeValue::s).toList();
        new ParticipantStore(round.aws.dynamo(), Aws.TABLE).erase(round.hash(pair.get(0)));
        round.clock.advance(Duration.ofDays(3));
        round.handler().handleRequest(Map.of(), null);

        // then
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("matching night").contains("published=6").contains("dissolved=1");
        assertThat(logs).doesNotContain("@example.org").doesNotContain("Namep").doesNotContain("Family")
                .doesNotContain(round.hash("p-01")).doesNotContain(round.hash(pair.get(1)));
    }
}
