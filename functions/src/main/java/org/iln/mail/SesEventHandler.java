package org.iln.mail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.time.Clock;
import java.util.Objects;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.store.AddressHasher;

/**
 * Receives SES bounce and complaint events (the configuration set publishes them to an SNS
 * topic this function subscribes to) and suppresses the addresses for all future programme mail.
 */
public final class SesEventHandler implements RequestHandler<SNSEvent, String> {

    private final SesFeedback feedback;

    /** For Lambda: reads the environment once and builds real clients. */
    public SesEventHandler() {
        this(FunctionsConfig.fromEnvironment(System.getenv()));
    }

    private SesEventHandler(FunctionsConfig config) {
        this(AwsClients.create(config), Clock.systemUTC(), config);
    }

    /** For tests and the local runner. */
    public SesEventHandler(AwsClients clients, Clock clock, FunctionsConfig config) {
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(config, "config");
        this.feedback = new SesFeedback(new Suppressions(clients.dynamo(), config.tableName()),
                new AddressHasher(config.addressKey()), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public String handleRequest(SNSEvent event, Context context) {
        int suppressed = 0;
        if (event != null && event.getRecords() != null) {
            for (SNSEvent.SNSRecord record : event.getRecords()) {
                if (record.getSNS() != null && record.getSNS().getMessage() != null) {
                    suppressed += feedback.apply(record.getSNS().getMessage());
                }
            }
        }
        return "suppressed " + suppressed;
    }
}
