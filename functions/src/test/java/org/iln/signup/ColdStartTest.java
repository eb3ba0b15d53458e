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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The API built as Lambda builds it: its mail parts and TLS context prepared on a second thread. */
@ExtendWith(AwsEmulator.class)
class ColdStartTest {

    static final String EMAIL = "Aroha.Ngata@library.example.nz";

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();
    SettableClock clock;
    Aws aws;

    /**
     * The clients a cold start builds take credentials as in Lambda, from the environment or
     * else the default chain, whose system properties a test can set.
     */
    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void setUp(Aws aws) {
        this.aws = aws;
        clock = new SettableClock(Instant.parse("2026-01-20T10:00:00Z"));
    }

    @Test
    void the_warm_up_alone_sends_no_mail_and_writes_nothing() throws Exception {
        // given / when
        ColdStart start = ColdStart.begin(aws.config(), clock);

        // then
        assertThat(start.finished(Duration.ofMinutes(1))).isTrue();
        assertThat(aws.sentMail()).isEmpty();
        assertThat(aws.items()).isEmpty();
        assertThat(logs.text()).doesNotContain("warm-up step failed");
    }

    @Test
    void a_first_signup_racing_the_warm_up_is_stored_and_gets_exactly_one_confirmation() throws Exception {
        // given a handler whose warm-up has only just started
        ApiHandler handler = new ApiHandler(ColdStart.begin(aws.config(), clock));

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
    void a_failing_warm_up_step_is_logged_by_name_and_the_request_does_it_itself(@TempDir Path dir) throws Exception {
        // given a manifest that is not there yet when the warm-up reads it
        Path manifest = dir.resolve("programme.json");
        FunctionsConfig notYetBaked = new FunctionsConfig(Aws.TABLE, aws.config().region(),
                aws.config().endpointOverride(), aws.config().addressKey(), aws.config().tokenKey(), Aws.SITE,
                aws.config().mailFrom(), manifest.toString(), 1000, Duration.ofMinutes(10));
        ColdStart start = ColdStart.begin(notYetBaked, clock);
        assertThat(start.finished(Duration.ofMinutes(1))).isTrue();
        ApiHandler handler = new ApiHandler(start);
        Files.copy(Path.of(aws.config().programme()), manifest);

        // when the first signup needs it
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.post("/api/signup", "application/json",
                Applicant.valid(EMAIL, clock).json()), null);

        // then the request read it itself, and the signup went through as if there were no warm-up
        assertThat(response.getStatusCode()).as(logs.text()).isEqualTo(202);
        assertThat(aws.sentMail()).singleElement().satisfies(mail -> assertThat(mail.to()).isEqualTo(EMAIL));
        assertThat(logs.text()).contains("warm-up step failed", "{\"step\":\"manifest\"}",
                "{\"error\":\"java.io.UncheckedIOException\"}");
        assertThat(logs.text().toLowerCase()).doesNotContain("aroha");
    }

    @Test
    void a_from_address_the_composer_refuses_fails_the_initialisation_not_each_signup() {
        // given
        FunctionsConfig badFrom = new FunctionsConfig(Aws.TABLE, aws.config().region(),
                aws.config().endpointOverride(), aws.config().addressKey(), aws.config().tokenKey(), Aws.SITE,
                "not an address <", aws.config().programme(), 1000, Duration.ofMinutes(10));

        // when / then: Lambda reports a failed init (and SnapStart refuses to publish the version)
        assertThatThrownBy(() -> new ApiHandler(ColdStart.begin(badFrom, clock)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mail From address is not valid");
        assertThat(aws.sentMail()).isEmpty();
    }
}
