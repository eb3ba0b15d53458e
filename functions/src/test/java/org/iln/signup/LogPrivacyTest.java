package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.CapturedLogs;
import org.iln.testing.Events;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(AwsEmulator.class)
class LogPrivacyTest {

    static final String EMAIL = "Wilhelmina.Quigglesworth@Example-Library.org";
    static final String GIVEN = "Wilhelmina";
    static final String FAMILY = "Quigglesworth";

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();
    LifecycleFixture participant;

    @BeforeEach
    void setUp(Aws aws) {
        participant = new LifecycleFixture(aws);
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
        String logs = this.logs.text();
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
