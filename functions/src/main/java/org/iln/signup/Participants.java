package org.iln.signup;

import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.coordination.CoordinatorPage;
import org.iln.mail.MailRenderer;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.mail.Mailer;
import org.iln.mail.Suppressions;
import org.iln.programme.Programme;
import org.iln.round.ByHand;
import org.iln.round.CareStore;
import org.iln.round.Partners;
import org.iln.round.PartnershipStore;
import org.iln.store.AddressHasher;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.iln.token.SignedLinks;
import org.iln.token.TokenStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The participant lifecycle's core, wired once per Lambda instance: signup, confirmation,
 * unsubscription, erasure, the personal page, the country cap, the coordinators' page and fresh links to it over one
 * store, one mailer and one clock, and the rate limit on requests that reach them.
 */
public record Participants(
        Signup signup,
        Confirmation confirmation,
        Unsubscription unsubscription,
        Erasure erasure,
        PersonalPage personalPage,
        CountryCap countryCap,
        RateLimit rateLimit,
        ApplicationStore store,
        AddressHasher hasher,
        Supplier<Programme> programme,
        CoordinatorPage coordinatorPage,
        CoordinatorLinks coordinatorLinks) {

    /**
     * Wires the core from real clients, a clock, the configuration and the programme manifest.
     *
     * @throws IllegalArgumentException if the configured From address is not valid (so a bad one
     *     fails a function's initialisation, not each signup)
     */
    public static Participants create(AwsClients clients, Clock clock, FunctionsConfig config,
                                      Supplier<Programme> programme) {
        DynamoDbClient dynamo = clients.dynamo();
        ApplicationStore store = new ApplicationStore(dynamo, config.tableName());
        MailStore mail = new MailStore(dynamo, config.tableName());
        Suppressions suppressions = new Suppressions(dynamo, config.tableName());
        Mailer mailer = new Mailer(clients.ses(), mail, suppressions, new MailRenderer(), config.mailFrom(),
                config.configurationSet(), clock);
        AddressHasher hasher = new AddressHasher(config.addressKey());
        SignedLinks tokens = new SignedLinks(config.tokenKey(), new TokenStore(dynamo, config.tableName()));
        Links links = new Links(config.siteUrl());
        CountryCap cap = new CountryCap(store, tokens, mailer, programme, links, clock);
        PartnershipStore partnerships = new PartnershipStore(dynamo, config.tableName());
        Outbox outbox = new Outbox(mail, clock);
        PersonalPage personalPage = new PersonalPage(store, new Partners(partnerships, store, outbox,
                new CareStore(dynamo, config.tableName())), mail, tokens, mailer, hasher, programme, links, clock);
        // A coordinator marks someone withdrawn through the participant's own withdrawal.
        Function<Application, CoordinatorPage.Outcome> withdrawal = a -> personalPage.withdraw(a, clock.instant())
                .map(w -> switch (w) {
                    case WITHDRAWN -> CoordinatorPage.Outcome.DONE;
                    case ALREADY_WITHDRAWN -> CoordinatorPage.Outcome.ALREADY;
                    case ROUND_ENDED -> CoordinatorPage.Outcome.TOO_LATE;
                }).orElse(CoordinatorPage.Outcome.NO_SUCH_PERSON);
        return new Participants(
                new Signup(store, mail, tokens, mailer, hasher, programme, links, clock),
                new Confirmation(store, mail, suppressions, tokens, mailer, programme, cap, links, clock),
                new Unsubscription(store, suppressions, tokens, mailer, links, clock),
                new Erasure(new PersonalData(dynamo, config.tableName()), mail, tokens, mailer, hasher, links, clock),
                personalPage,
                cap,
                new RateLimit(dynamo, config.tableName(), hasher, config.rateLimit(), config.rateWindow(), clock),
                store, hasher, programme,
                new CoordinatorPage(store, partnerships, tokens, hasher, programme, clock,
                        new ByHand(store, partnerships, suppressions, outbox), withdrawal),
                new CoordinatorLinks(mail, tokens, mailer, hasher, programme, links, clock));
    }
}
