package org.iln.signup;

import java.time.Clock;
import java.util.function.Supplier;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.mail.MailRenderer;
import org.iln.mail.Mailer;
import org.iln.programme.Programme;
import org.iln.store.AddressHasher;
import org.iln.store.ParticipantStore;
import org.iln.token.SignedLinks;

/**
 * The participant lifecycle's core, wired once per Lambda instance: signup, confirmation,
 * unsubscription, erasure and the country cap over one store, one mailer and one clock, and the
 * rate limit on requests that reach them.
 */
public record Participants(
        Signup signup,
        Confirmation confirmation,
        Unsubscription unsubscription,
        Erasure erasure,
        CountryCap countryCap,
        RateLimit rateLimit,
        ParticipantStore store,
        AddressHasher hasher,
        Supplier<Programme> programme) {

    /**
     * Wires the core from real clients, a clock, the configuration and the programme manifest.
     *
     * @throws IllegalArgumentException if the configured From address is not valid (so a bad one
     *     fails a function's initialisation, not each signup)
     */
    public static Participants create(AwsClients clients, Clock clock, FunctionsConfig config,
                                      Supplier<Programme> programme) {
        ParticipantStore store = new ParticipantStore(clients.dynamo(), config.tableName());
        Mailer mailer = new Mailer(clients.ses(), store, new MailRenderer(), config.mailFrom(),
                config.configurationSet(), clock);
        AddressHasher hasher = new AddressHasher(config.addressKey());
        SignedLinks tokens = new SignedLinks(config.tokenKey(), store);
        Links links = new Links(config.siteUrl());
        CountryCap cap = new CountryCap(store, tokens, mailer, programme, links, clock);
        return new Participants(
                new Signup(store, tokens, mailer, hasher, programme, links, clock),
                new Confirmation(store, tokens, mailer, programme, cap, links, clock),
                new Unsubscription(store, tokens, mailer, links, clock),
                new Erasure(store, tokens, mailer, hasher, links, clock),
                cap,
                new RateLimit(clients.dynamo(), config.tableName(), hasher, config.rateLimit(), config.rateWindow(),
                        clock),
                store, hasher, programme);
    }
}
