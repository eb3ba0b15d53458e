package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.iln.config.FunctionsConfig;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.CapturedLogs;
import org.iln.testing.Events;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The API as a new Lambda instance starts it: built in one go, primed before a SnapStart snapshot. */
@ExtendWith(AwsEmulator.class)
class ApiStartTest {

    static final String EMAIL = "Aroha.Ngata@library.example.nz";

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();
    SettableClock clock;
    Aws aws;

    @BeforeEach
    void setUp(Aws aws) {
        this.aws = aws;
        clock = new SettableClock(Instant.parse("2026-01-20T10:00:00Z"));
    }

    @Test
    void priming_before_a_snapshot_sends_no_mail_and_writes_nothing() {
        // given
        ApiHandler handler = new ApiHandler(aws.clients(), clock, aws.config());

        // when
        handler.priming().beforeCheckpoint(null);

        // then
        assertThat(aws.sentMail()).isEmpty();
        assertThat(aws.items()).isEmpty();
        assertThat(logs.text()).contains("snapshot primed").doesNotContain("priming failed");
    }

    @Test
    void the_first_signup_of_a_new_instance_is_stored_and_gets_exactly_one_confirmation() {
        // given a handler that has served nothing yet
        ApiHandler handler = new ApiHandler(aws.clients(), clock, aws.config());

        // when
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.post("/api/signup", "application/json",
                Applicant.valid(EMAIL, clock).json()), null);

        // then
        assertThat(response.getStatusCode()).as(logs.text()).isEqualTo(202);
        assertThat(aws.sentMail()).singleElement().satisfies(mail -> {
            assertThat(mail.to()).isEqualTo(EMAIL);
            assertThat(mail.link("/api/confirm")).isNotBlank();
        });
        assertThat(aws.items()).anySatisfy(item -> assertThat(item.get("itemType").s()).isEqualTo("APPLICATION"));
        assertThat(logs.text().toLowerCase()).doesNotContain("aroha").doesNotContain("ngata");
    }

    @Test
    void priming_that_fails_is_logged_by_exception_class_and_the_first_request_does_the_work_itself(
            @TempDir Path dir) throws Exception {
        // given a manifest that is not there yet when the snapshot is primed
        Path manifest = dir.resolve("programme.json");
        FunctionsConfig notYetBaked = new FunctionsConfig(Aws.TABLE, aws.config().region(),
                aws.config().endpointOverride(), aws.config().addressKey(), aws.config().tokenKey(), Aws.SITE,
                aws.config().mailFrom(), manifest.toString(), 1000, Duration.ofMinutes(10));
        ApiHandler handler = new ApiHandler(aws.clients(), clock, notYetBaked);
        handler.priming().beforeCheckpoint(null);
        Files.copy(Path.of(aws.config().programme()), manifest);

        // when the first signup needs it
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.post("/api/signup", "application/json",
                Applicant.valid(EMAIL, clock).json()), null);

        // then the request read it itself, and the signup went through as if there were no priming
        assertThat(response.getStatusCode()).as(logs.text()).isEqualTo(202);
        assertThat(aws.sentMail()).singleElement().satisfies(mail -> assertThat(mail.to()).isEqualTo(EMAIL));
        assertThat(logs.text()).contains("snapshot priming failed", "{\"error\":\"java.io.UncheckedIOException\"}");
        assertThat(logs.text().toLowerCase()).doesNotContain("aroha");
    }

    @Test
    void a_from_address_the_composer_refuses_fails_the_initialisation_not_each_signup() {
        // given
        FunctionsConfig badFrom = new FunctionsConfig(Aws.TABLE, aws.config().region(),
                aws.config().endpointOverride(), aws.config().addressKey(), aws.config().tokenKey(), Aws.SITE,
                "not an address <", aws.config().programme(), 1000, Duration.ofMinutes(10));

        // when / then: Lambda reports a failed init (and SnapStart refuses to publish the version)
        assertThatThrownBy(() -> new ApiHandler(aws.clients(), clock, badFrom))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mail From address is not valid");
        assertThat(aws.sentMail()).isEmpty();
    }
}
