package org.iln.infrastructure;

import java.time.Duration;
import java.util.List;

/**
 * Every Lambda function of the programme, in one list: the stack builds exactly these.
 *
 * <p>Handler names are strings (the functions module is built separately), so the assertion
 * tests check each one. Memory sizes and timeouts are initial values, to be tuned from measured
 * duration and memory in each function's JSON logs (the REPORT line).
 *
 * <p>DynamoDB has no IAM action for a transaction: {@code TransactWriteItems} is authorised as
 * the Put, Update, Delete and ConditionCheck actions it contains, so those are what is listed.
 */
public final class FunctionCatalogue {

    /** The matcher's JVM options: C2, the serial collector, and a heap that need not grow while it runs. */
    static final String MATCHER_JVM_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=4 -XX:+UseSerialGC -Xms512m";
    /** The api function's JVM options; the one compiler thread is only allowed with C1 alone. */
    static final String API_JVM_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1";

    private static final List<FunctionSpec> FUNCTIONS = List.of(
            new FunctionSpec(
                    "api",
                    "org.iln.signup.ApiHandler::handleRequest",
                    FunctionArtifact.API,
                    1024,
                    Duration.ofSeconds(10),
                    new Trigger.HttpRoutes(List.of(
                            "POST /api/signup",
                            "GET /api/confirm",
                            "GET /api/unsubscribe",
                            "POST /api/unsubscribe",
                            "POST /api/erase",
                            "GET /api/erase",
                            "GET /api/me",
                            "POST /api/me/update",
                            "POST /api/me/withdraw",
                            "POST /api/me/link",
                            "GET /api/me/survey",
                            "POST /api/me/survey",
                            "GET /api/me/next-round",
                            "POST /api/me/next-round",
                            "POST /api/volunteer",
                            "GET /api/volunteer/confirm",
                            "POST /api/me/no-reply",
                            "POST /api/me/still-here",
                            "POST /api/me/check-in",
                            "GET /api/coordinate",
                            "POST /api/coordinate/approve",
                            "POST /api/coordinate/hold",
                            "POST /api/coordinate/pin",
                            "POST /api/coordinate/forbid",
                            "POST /api/coordinate/withdraw",
                            "POST /api/coordinate/resend",
                            "POST /api/coordinate/pair",
                            "POST /api/coordinate/link")),
                    // The coordinator page needs nothing more: approving is a transaction of a
                    // ConditionCheck (the draft's version) and Puts; a hold, pin or forbid and its audit are Puts;
                    // pairing two left alone is publishing's transaction (Puts, Updates); erasure's
                    // forgetting of decisions is Query, DeleteItem and UpdateItem.
                    List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                            "dynamodb:Query", "dynamodb:ConditionCheckItem"),
                    true,
                    0,
                    // The runtime's own C1-only JIT, with one compiler thread instead of two: a fresh
                    // JVM's first signup takes about a third less CPU with it (docs/benchmarks.md,
                    // "Signup start-up"); with SnapStart it still serves what the snapshot left cold.
                    API_JVM_OPTIONS),
            new FunctionSpec(
                    "country-cap",
                    "org.iln.signup.CountryCapHandler::handleRequest",
                    FunctionArtifact.API,
                    1024,
                    Duration.ofMinutes(5),
                    // Before nightly matching (02:00), so that the match date's matching sees the cap applied.
                    new Trigger.Daily(1, 30),
                    // Query: confirmed-by-round; UpdateItem: waitlist, mail sent; PutItem: unsubscribe
                    // tokens, mail claims; DeleteItem: a claim released after a failed send;
                    // GetItem: suppressions; Put and Update in one transaction: moving the
                    // waitlisted into the next round (application, lock, the waiting one marked).
                    List.of("dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:DeleteItem",
                            "dynamodb:GetItem"),
                    true,
                    0,
                    ""),
            new FunctionSpec(
                    "nightly-matching",
                    "org.iln.round.NightlyMatchingHandler::handleRequest",
                    FunctionArtifact.MATCHING,
                    3008,
                    Duration.ofMinutes(10),
                    new Trigger.Daily(2, 0),
                    // Exactly what org.iln.round uses: the confirmed-by-round index and the round's and a
                    // person's partitions (Query), single reads, the pool's suppressions 100 at a time
                    // (BatchGetItem), outbox puts, and the transactions that publish or dissolve a
                    // partnership (Put and Update only).
                    List.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem",
                            "dynamodb:UpdateItem"),
                    false,
                    0,
                    // CPU-bound: C2 as well as C1 (n = 10,000: 8.4 s against 13.3 s with C1 only), and the
                    // serial collector named, since our options replace the runtime's: G1, which the JVM
                    // would pick on two vCPUs, made the same run 30-60% slower. The JVM's initial heap is
                    // 1/64 of the memory (47 MB of 3,008): 17 young collections at n = 10,000 and
                    // 0.6-1.1 s more than with 512 MB to start with (one collection). Measured in
                    // docs/benchmarks.md, "Matching: what its speed rests on".
                    MATCHER_JVM_OPTIONS),
            new FunctionSpec(
                    "round-care",
                    "org.iln.round.RoundCareHandler::handleRequest",
                    FunctionArtifact.API,
                    1024,
                    Duration.ofMinutes(5),
                    // After nightly matching (02:00), as DESIGN.md orders the night: check-ins and nudges
                    // after matching, so a partnership dissolved tonight is re-matched tomorrow night.
                    new Trigger.Daily(2, 30),
                    // Query: confirmed-by-round and the round's partition (partnerships); GetItem: the
                    // round's published marker; PutItem: outbox; UpdateItem: the transaction that
                    // dissolves a partnership whose nudge went unanswered (Update only).
                    List.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                    false,
                    0,
                    ""),
            new FunctionSpec(
                    "round-end",
                    "org.iln.round.RoundEndHandler::handleRequest",
                    FunctionArtifact.API,
                    1024,
                    Duration.ofMinutes(5),
                    // After matching and its check-ins, before the aggregates and the dispatch that sends its mail.
                    new Trigger.Daily(2, 40),
                    // Query: confirmed-by-round (the round's matched); PutItem: the outbox, the page links'
                    // tokens; UpdateItem: MATCHED -> ROUND_ENDED. Nothing is read by key, deleted or sent.
                    List.of("dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                    false,
                    0,
                    ""),
            new FunctionSpec(
                    "figures",
                    "org.iln.figures.FiguresHandler::handleRequest",
                    FunctionArtifact.API,
                    1024,
                    Duration.ofMinutes(5),
                    // Late in the night (DESIGN.md's order: after matching, check-ins and the round's
                    // end, before the morning's dispatch), so the figures count that night's work.
                    new Trigger.Daily(4, 0),
                    // Query: each round's own partition (applications, partnerships, check-ins) and its
                    // survey partition, never an index and never a scan; PutItem: the one public
                    // figures document, and the outbox (the round report to coordinators, once a round
                    // has ended). It reads no personal attribute (its queries project status, country,
                    // flags and survey choices only) and sends nothing itself.
                    List.of("dynamodb:Query", "dynamodb:PutItem"),
                    false,
                    0,
                    ""),
            new FunctionSpec(
                    "dispatch",
                    "org.iln.mail.DispatchHandler::handleRequest",
                    FunctionArtifact.API,
                    1024,
                    Duration.ofMinutes(4),
                    new Trigger.Every(Duration.ofMinutes(5)),
                    // Query: mail-queue and confirmed-by-round; GetItem: suppressions, fan-out markers;
                    // UpdateItem: claim, sent, failed; PutItem: enqueue, unsubscribe tokens, markers.
                    List.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem"),
                    true,
                    // One sender at a time keeps the SES send rate honest (runs every 5 minutes, each at most 4).
                    1,
                    ""),
            new FunctionSpec(
                    "ses-events",
                    "org.iln.mail.SesEventHandler::handleRequest",
                    FunctionArtifact.API,
                    512,
                    Duration.ofSeconds(30),
                    new Trigger.SesEvents(),
                    // A suppression is one conditional put (SesFeedback); nothing is read or updated.
                    List.of("dynamodb:PutItem"),
                    false,
                    0,
                    ""));

    private FunctionCatalogue() {
    }

    /** The programme's functions, in a stable order. */
    public static List<FunctionSpec> functions() {
        return FUNCTIONS;
    }
}
