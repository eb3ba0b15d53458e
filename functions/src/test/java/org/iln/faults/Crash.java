package org.iln.faults;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.mail.DispatchHandler;
import org.iln.round.NightlyMatchingHandler;
import org.iln.testing.Aws;
import org.iln.testing.SettableClock;

/**
 * The child JVM of the kill tests: runs one real handler against the parent's emulator and
 * halts itself ({@code Runtime.halt}: no finally blocks, no shutdown hooks) at the chosen call.
 * The emulator runs outside this JVM, so what was written before the halt stays.
 *
 * <p>Arguments: {@code dispatch|night}, the emulator's endpoint, the instant the clock shows,
 * and where to halt: {@code before-send:N} or {@code after-send:N} (the N-th SESv2 SendEmail),
 * or {@code after-partnership:N} (once the N-th partnership transaction was applied). It exits
 * with {@link Fault#HALT_STATUS} when it halted, 0 if it ran to the end.
 *
 * <p>The {@code kill-} points do not halt: the child prints {@link Fault#PARKED} there and waits
 * for its parent to kill it with a real {@code SIGKILL} ({@link ChildJvm#killedAtPoint}):
 * {@code kill-after-plan} (the publishing plan frozen), {@code kill-after-partnership:N} (the N-th
 * partnership written, its introductions not yet queued), {@code kill-after-introduction:N} (the
 * N-th introduction queued: half of a partnership's), {@code kill-before-published} (every
 * partnership and letter written, the round's marker not), {@code kill-before-send:N} (the N-th
 * message claimed, not sent).
 */
public final class Crash {

    private Crash() {
    }

    /** Runs the handler and halts as told. */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: Crash dispatch|night ENDPOINT INSTANT POINT (see the class comment)");
            System.exit(2);
        }
        URI endpoint = URI.create(args[1]);
        SettableClock clock = new SettableClock(Instant.parse(args[2]));
        AwsClients clients = haltAt(args[3]).clients(endpoint);
        FunctionsConfig config = Aws.config(endpoint, 1000);
        String result = switch (args[0]) {
            case "dispatch" -> new DispatchHandler(clients, clock, config, clock::advance).handleRequest(Map.of(), null);
            case "night" -> new NightlyMatchingHandler(clients, clock, config).handleRequest(Map.of(), null);
            default -> throw new IllegalArgumentException("run dispatch or night, not " + args[0]);
        };
        System.out.println("ran to the end without halting: " + result);
        System.exit(0);
    }

    private static Faults haltAt(String where) {
        String[] parts = where.split(":");
        int n = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
        return switch (parts[0]) {
            case "before-send" -> new Faults(0).on(Call.sendEmail(), Faults.When.nth(n), Fault.haltBefore());
            case "after-send" -> new Faults(0).on(Call.sendEmail(), Faults.When.nth(n), Fault.haltAfter());
            case "after-partnership" -> new Faults(0).on(Call.dynamo("TransactWriteItems", "\"PAIR_MEMBER\""),
                    Faults.When.nth(n), Fault.haltAfter());
            case "kill-after-plan" -> new Faults(0).on(Call.dynamo("PutItem", "{\"S\":\"PLAN\"}"),
                    Faults.When.nth(1), Fault.parkAfter());
            case "kill-after-partnership" -> new Faults(0).on(Call.dynamo("TransactWriteItems", "\"PAIR_MEMBER\""),
                    Faults.When.nth(n), Fault.parkAfter());
            case "kill-after-introduction" -> new Faults(0).on(Call.dynamo("PutItem", "MAIL#introduction:"),
                    Faults.When.nth(n), Fault.parkAfter());
            case "kill-before-published" -> new Faults(0).on(Call.dynamo("PutItem", "{\"S\":\"PUBLISHED\"}"),
                    Faults.When.nth(1), Fault.parkBefore());
            case "kill-before-send" -> new Faults(0).on(Call.sendEmail(), Faults.When.nth(n), Fault.parkBefore());
            default -> throw new IllegalArgumentException("unknown halting point " + where);
        };
    }
}
