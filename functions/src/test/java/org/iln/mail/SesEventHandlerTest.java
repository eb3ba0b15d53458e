package org.iln.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.time.Instant;
import org.iln.store.AddressHasher;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(AwsEmulator.class)
class SesEventHandlerTest {

    static final Instant NOW = Instant.parse("2026-02-23T09:20:00Z");

    /** Reads a fixture the way the Lambda Java runtime deserialises an SNS event. */
    static SNSEvent fixture(String name) {
        try (InputStream in = SesEventHandlerTest.class.getResourceAsStream("/ses/" + name + ".json")) {
            return LambdaEventSerializers.serializerFor(SNSEvent.class, SesEventHandlerTest.class.getClassLoader())
                    .fromJson(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} suppresses {1} for {2}")
    @CsvSource({
            "permanent-bounce, gone@example.org, bounce",
            "complaint, annoyed@example.org, complaint",
            "bounce-notification, old@example.org, bounce"})
    void a_permanent_bounce_or_a_complaint_suppresses_the_address(String fixture, String address, String reason,
                                                                  Aws aws) {
        // given
        SesEventHandler handler = new SesEventHandler(aws.clients(), new SettableClock(NOW), aws.config());
        String hash = new AddressHasher(aws.config().addressKey()).address(address);

        // when
        String result = handler.handleRequest(fixture(fixture), null);

        // then
        assertThat(result).isEqualTo("suppressed 1");
        assertThat(new Suppressions(aws.dynamo(), Aws.TABLE).isSuppressed(hash)).isTrue();
        assertThat(aws.items()).filteredOn(i -> i.get("pk").s().equals("SUPPRESS#" + hash))
                .singleElement().satisfies(i -> assertThat(i.get("reason").s()).isEqualTo(reason));
        assertThat(aws.items().toString()).doesNotContain(address);
    }

    @Test
    void a_transient_bounce_suppresses_nothing(Aws aws) {
        // given
        SesEventHandler handler = new SesEventHandler(aws.clients(), new SettableClock(NOW), aws.config());

        // when
        String result = handler.handleRequest(fixture("transient-bounce"), null);

        // then
        assertThat(result).isEqualTo("suppressed 0");
        assertThat(aws.items()).noneMatch(i -> i.get("pk").s().startsWith("SUPPRESS#"));
    }

    @Test
    void a_bounce_is_never_downgraded_to_an_unsubscribe_that_a_new_confirmation_could_lift(Aws aws) {
        // given
        SesEventHandler handler = new SesEventHandler(aws.clients(), new SettableClock(NOW), aws.config());
        Suppressions store = new Suppressions(aws.dynamo(), Aws.TABLE);
        String hash = new AddressHasher(aws.config().addressKey()).address("gone@example.org");
        handler.handleRequest(fixture("permanent-bounce"), null);

        // when
        store.suppress(hash, "unsubscribed", NOW);
        store.unsuppress(hash, "unsubscribed");

        // then
        assertThat(store.isSuppressed(hash)).isTrue();
    }

    @Test
    void the_same_event_delivered_twice_changes_nothing_more(Aws aws) {
        // given
        SesEventHandler handler = new SesEventHandler(aws.clients(), new SettableClock(NOW), aws.config());
        handler.handleRequest(fixture("complaint"), null);
        int items = aws.items().size();

        // when
        handler.handleRequest(fixture("complaint"), null);

        // then
        assertThat(aws.items()).hasSize(items);
    }
}
