package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(AwsEmulator.class)
class LogPrivacyTest {

    static final String EMAIL = "Wilhelmina.Quigglesworth@Example-Library.org";
    static final String GIVEN = "Wilhelmina";
    static final String FAMILY = "Quigglesworth";

    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender;
    LifecycleFixture participant;

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
        participant = new LifecycleFixture(aws);
    }

    @AfterEach
    void stopCapturing() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    }

    @Test
    void a_full_signup_confirm_unsubscribe_and_erase_flow_logs_no_address_and_no_name() {
        // given / when: every path a person's data passes through
        var handler = participant.handler;
        String form = Applicant.valid(EMAIL, participant.clock).set("givenName", GIVEN).set("familyName", FAMILY)
                .set("excludeCountries").form();
        handler.handleRequest(Events.post("/api/signup", "application/x-www-form-urlencoded", form), null);
        String confirm = participant.lastMail().token("/api/confirm");
        participant.clock.advance(Duration.ofDays(1));
        handler.handleRequest(Events.post("/api/signup", "application/x-www-form-urlencoded", form), null);
        handler.handleRequest(Events.post("/api/signup", "application/json",
                "{\"email\":\"" + EMAIL + "\",\"givenName\":\"" + GIVEN + "\\u0000\",\"country\":\"" + FAMILY + "\"}"), null);
        handler.handleRequest(Events.post("/api/signup", "application/json", "{\"email\":\"" + EMAIL + "\" " + FAMILY),
                null);
        participant.get("/api/confirm", confirm);
        participant.post("/api/unsubscribe", participant.lastMail().token("/api/unsubscribe"),
                "List-Unsubscribe=One-Click");
        handler.handleRequest(Events.post("/api/erase", "application/json", "{\"email\":\"" + EMAIL + "\"}"), null);
        participant.post("/api/erase", participant.lastMail().token("/api/erase"), "");

        // then
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("signup stored", "application confirmed", "programme mail suppressed",
                "person erased", "signup refused: invalid fields", "request refused: malformed body");
        assertThat(logs.toLowerCase())
                .doesNotContain(EMAIL.toLowerCase())
                .doesNotContain("wilhelmina")
                .doesNotContain("quigglesworth")
                .doesNotContain("example-library");
        assertThat(logs.lines()).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
    }
}
