package org.iln.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.iln.aws.AwsClients;
import org.iln.signup.ApiHandler;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Every message leaves with the configured SES configuration set: it is what publishes bounces
 * and complaints to SesEventHandler. The emulator accepts but does not record the name, so an
 * interceptor reads each request as the real SDK sends it (it only observes).
 */
@ExtendWith(AwsEmulator.class)
class ConfigurationSetTest {

    static final String CONFIGURATION_SET = "iln-test-mail";

    private final List<SendEmailRequest> sent = new CopyOnWriteArrayList<>();

    @Test
    void mail_sent_in_a_request_names_the_configuration_set(Aws aws) {
        // given
        Clock clock = Clock.fixed(java.time.Instant.parse("2026-01-20T10:00:00Z"), ZoneOffset.UTC);
        ApiHandler api = new ApiHandler(observed(aws), clock, aws.config().withConfigurationSet(CONFIGURATION_SET));

        // when
        var response = api.handleRequest(Events.post("/api/signup", "application/json",
                Applicant.valid("ana@example.org", clock).json()), null);

        // then
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(aws.sentMail()).hasSize(1);
        assertThat(sent).singleElement().extracting(SendEmailRequest::configurationSetName)
                .isEqualTo(CONFIGURATION_SET);
    }

    @Test
    void mail_sent_from_the_outbox_names_the_configuration_set(Aws aws) {
        // given
        DispatchFixture fixture = new DispatchFixture(aws);
        fixture.outbox.enqueue(DispatchFixture.introduction("p-1", DispatcherTest.introModel("Ana")));
        DispatchHandler dispatch = new DispatchHandler(observed(aws), fixture.clock,
                aws.config().withConfigurationSet(CONFIGURATION_SET), fixture.clock::advance);

        // when
        String report = dispatch.handleRequest(Map.of(), null);

        // then
        assertThat(report).contains("sent 1");
        assertThat(sent).singleElement().extracting(SendEmailRequest::configurationSetName)
                .isEqualTo(CONFIGURATION_SET);
    }

    @Test
    void without_a_configured_set_no_name_is_sent(Aws aws) {
        // given
        DispatchFixture fixture = new DispatchFixture(aws);
        fixture.outbox.enqueue(DispatchFixture.introduction("p-1", DispatcherTest.introModel("Ana")));
        DispatchHandler dispatch = new DispatchHandler(observed(aws), fixture.clock, aws.config(),
                fixture.clock::advance);

        // when
        dispatch.handleRequest(Map.of(), null);

        // then
        assertThat(sent).singleElement().extracting(SendEmailRequest::configurationSetName).isNull();
    }

    /** The emulator's clients, with an SES client that records every SendEmail request. */
    private AwsClients observed(Aws aws) {
        SesV2Client ses = aws.onEmulator(SesV2Client.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof SendEmailRequest request) {
                            sent.add(request);
                        }
                    }
                }))
                .build();
        return new AwsClients(aws.dynamo(), ses);
    }
}
