package org.iln.faults;

import java.util.Map;

/**
 * What an injected fault does to one HTTP attempt: answer in the service's place with an error,
 * as AWS does when it throttles (the request never reaches the emulator, so nothing is applied);
 * or let the request through and then lose its answer behind a 500 (applied, but the caller
 * cannot know: DynamoDB's "the request may or may not have succeeded"); or halt the JVM, before
 * the request goes out or just after its answer came back.
 *
 * <p>The errors are the services' wire format, so the SDK parses them, classifies them
 * (throttling, retryable 5xx) and retries them exactly as it would against AWS.
 */
public record Fault(String name, Kind kind, int status, Map<String, String> headers, String body) {

    /** Where the fault strikes. */
    public enum Kind {
        /** Answer instead of the service; the request is not applied. */
        ANSWER,
        /** Send the request, then replace its answer. */
        ANSWER_AFTER_APPLYING,
        /** {@code Runtime.halt} before the request goes out. */
        HALT_BEFORE,
        /** {@code Runtime.halt} once the service has answered, before the caller sees it. */
        HALT_AFTER,
        /** Print {@link #PARKED} and wait, before the request goes out, for the parent to send SIGKILL. */
        PARK_BEFORE,
        /** Print {@link #PARKED} and wait, once the service has answered, for the parent to send SIGKILL. */
        PARK_AFTER,
        /** Throw a read timeout without sending: nothing applied, the SDK retries it as an I/O error. */
        TIMEOUT,
        /** Send the request, then throw a read timeout: applied, but the caller cannot know. */
        TIMEOUT_AFTER_APPLYING
    }

    /** What a parked child JVM prints (then the operation) when it reaches its kill point. */
    public static final String PARKED = "iln-crash: parked at the kill point:";

    /** Exit status of a JVM halted by a fault, so the parent can tell it from any other death. */
    public static final int HALT_STATUS = 77;

    private static final String DYNAMO_JSON = "application/x-amz-json-1.0";

    /** DynamoDB's answer to a request over the table's throughput: HTTP 400, retried by the SDK as throttling. */
    public static Fault dynamoThroughputExceeded() {
        return dynamo("ProvisionedThroughputExceeded", 400,
                "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded.");
    }

    /** DynamoDB's {@code ThrottlingException}: HTTP 400, retried by the SDK as throttling. */
    public static Fault dynamoThrottling() {
        return dynamo("Throttling", 400, "com.amazon.coral.availability#ThrottlingException", "Rate exceeded");
    }

    /**
     * DynamoDB's answer to a transaction one of whose items was throttled: HTTP 400
     * {@code TransactionCanceledException} with a {@code ThrottlingError} reason. Not retried by
     * the SDK; the caller must tell it from a failed condition.
     */
    public static Fault dynamoTransactionThrottled() {
        return new Fault("TransactionThrottled", Kind.ANSWER, 400, Map.of("Content-Type", DYNAMO_JSON,
                "x-amzn-ErrorType", "TransactionCanceledException"),
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                        + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons "
                        + "[ThrottlingError]\",\"CancellationReasons\":[{\"Code\":\"ThrottlingError\","
                        + "\"Message\":\"Throughput exceeds the current capacity of your table or index.\"}]}");
    }

    /** DynamoDB's 500 for a request it did not apply. */
    public static Fault dynamoInternalError() {
        return dynamo("InternalServerError", 500, "com.amazonaws.dynamodb.v20120810#InternalServerError",
                "Internal server error");
    }

    /** DynamoDB's 500 for a request it did apply: the write happened, the caller is told it failed. */
    public static Fault dynamoInternalErrorAfterApplying() {
        Fault answer = dynamoInternalError();
        return new Fault("InternalServerErrorAfterApplying", Kind.ANSWER_AFTER_APPLYING, answer.status(),
                answer.headers(), answer.body());
    }

    /** SESv2's {@code TooManyRequestsException}: HTTP 429 (the sending rate exceeded). */
    public static Fault sesTooManyRequests() {
        return new Fault("TooManyRequests", Kind.ANSWER, 429, Map.of("Content-Type", "application/json",
                "x-amzn-ErrorType", "TooManyRequestsException"), "{\"message\":\"Maximum sending rate exceeded.\"}");
    }

    /** The process dies before the request goes out. */
    public static Fault haltBefore() {
        return new Fault("HaltBefore", Kind.HALT_BEFORE, 0, Map.of(), "");
    }

    /** The process dies after the service applied the request and answered. */
    public static Fault haltAfter() {
        return new Fault("HaltAfter", Kind.HALT_AFTER, 0, Map.of(), "");
    }

    /**
     * The process stops at this point and tells its parent, which kills it with a real
     * {@code SIGKILL} ({@link ChildJvm#killedAtPoint}): nothing of this JVM runs after it.
     */
    public static Fault parkBefore() {
        return new Fault("ParkBefore", Kind.PARK_BEFORE, 0, Map.of(), "");
    }

    /** As {@link #parkBefore()}, once the service applied the request and answered. */
    public static Fault parkAfter() {
        return new Fault("ParkAfter", Kind.PARK_AFTER, 0, Map.of(), "");
    }

    /** The answer never comes (a read timeout) and the request was never applied. */
    public static Fault timeout() {
        return new Fault("Timeout", Kind.TIMEOUT, 0, Map.of(), "");
    }

    /** The request is applied, then its answer never comes (a read timeout). */
    public static Fault timeoutAfterApplying() {
        return new Fault("TimeoutAfterApplying", Kind.TIMEOUT_AFTER_APPLYING, 0, Map.of(), "");
    }

    private static Fault dynamo(String name, int status, String type, String message) {
        return new Fault(name, Kind.ANSWER, status, Map.of("Content-Type", DYNAMO_JSON, "x-amzn-ErrorType",
                type.substring(type.indexOf('#') + 1)),
                "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }
}
