package org.iln.signup;

import java.time.Clock;
import java.util.function.Supplier;
import org.iln.config.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.mail.MailRenderer;
import org.iln.mail.MailStore;
import org.iln.mail.Mailer;
import org.iln.mail.Suppressions;
import org.iln.programme.Programme;
import org.iln.store.AddressHasher;
import org.iln.store.ApplicationStore;
import org.iln.token.SignedLinks;
import org.iln.token.TokenStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The participant lifecycle's core, wired once per Lambda instance: signup, confirmation,
 * unsubscription, erasure and the country cap over one store, one mailer and one clock.
 */
public record Participants(
        Signup signup,
        Confirmation confirmation,
        Unsubscription unsubscription,
        Erasure erasure,
        CountryCap countryCap,
        ApplicationStore store,
        AddressHasher hasher,
        Supplier<Programme> programme) {

    /** Wires the core from real clients, a clock, the configuration and the programme manifest. */
    public static Participants create(AwsClients clients, Clock clock, FunctionsConfig config,
                                      Supplier<Programme> programme) {
        MailStore mail = new MailStore(clients.dynamo(), config.tableName());
        Suppressions suppressions = new Suppressions(clients.dynamo(), config.tableName());
        return create(clients.dynamo(), new Mailer(clients.ses(), mail, suppressions, new MailRenderer(),
                config.mailFrom(), config.configurationSet(), clock), clock, config, programme);
    }

    /** Wires the core over a table and a mailer (whose parts a cold start may still be preparing). */
    static Participants create(DynamoDbClient dynamo, Mailer mailer, Clock clock, FunctionsConfig config,
                               Supplier<Programme> programme) {
        ApplicationStore store = new ApplicationStore(dynamo, config.tableName());
        MailStore mail = new MailStore(dynamo, config.tableName());
        Suppressions suppressions = new Suppressions(dynamo, config.tableName());
        AddressHasher hasher = new AddressHasher(config.addressKey());
        SignedLinks tokens = new SignedLinks(config.tokenKey(), new TokenStore(dynamo, config.tableName()));
        Links links = new Links(config.siteUrl());
        CountryCap cap = new CountryCap(store, tokens, mailer, programme, links, clock);
        return new Participants(
                new Signup(store, mail, tokens, mailer, hasher, programme, links, clock),
                new Confirmation(store, mail, suppressions, tokens, mailer, programme, cap, links, clock),
                new Unsubscription(store, suppressions, tokens, mailer, links, clock),
                new Erasure(new PersonalData(dynamo, config.tableName()), mail, tokens, mailer, hasher, links, clock),
                cap, store, hasher, programme);
    }
}
