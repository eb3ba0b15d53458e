package org.iln.faults;

import java.time.Duration;
import java.util.function.Consumer;
import org.iln.aws.AwsClients;
import org.iln.mail.Dispatcher;
import org.iln.mail.MailRenderer;
import org.iln.mail.MailStore;
import org.iln.mail.MimeComposer;
import org.iln.mail.SendRate;
import org.iln.mail.Suppressions;
import org.iln.store.ApplicationStore;
import org.iln.testing.Aws;
import org.iln.testing.SettableClock;
import org.iln.token.SignedLinks;
import org.iln.token.TokenStore;

/** The dispatcher the fault tests run, as {@code DispatchHandler} builds it, on a simulated clock. */
final class Dispatchers {

    private Dispatchers() {
    }

    /** A dispatcher over {@code clients} at 14 messages a second; each pause moves the clock and is reported. */
    static Dispatcher over(Aws aws, AwsClients clients, SettableClock clock, Consumer<Duration> pauses) {
        return over(aws, clients, clock, rate(clock, pauses));
    }

    /** A dispatcher over {@code clients} keeping to {@code rate}. */
    static Dispatcher over(Aws aws, AwsClients clients, SettableClock clock, SendRate rate) {
        return new Dispatcher(clients.ses(), new MailStore(clients.dynamo(), Aws.TABLE),
                new Suppressions(clients.dynamo(), Aws.TABLE), new ApplicationStore(clients.dynamo(), Aws.TABLE),
                new MailRenderer(), new MimeComposer(Aws.FROM),
                new SignedLinks(aws.config().tokenKey(), new TokenStore(clients.dynamo(), Aws.TABLE)), Aws.SITE, rate, clock);
    }

    /** 14 messages a second on {@code clock}: each pause moves it and is reported. */
    static SendRate rate(SettableClock clock, Consumer<Duration> pauses) {
        return new SendRate(14, clock, d -> {
            pauses.accept(d);
            clock.advance(d);
        });
    }
}
