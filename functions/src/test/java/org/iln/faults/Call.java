package org.iln.faults;

import java.util.function.Predicate;

/**
 * One HTTP attempt an SDK client makes: which service and operation, and the request body (JSON
 * for DynamoDB and SESv2), so a rule can pick, say, only the transactions that write a partnership.
 *
 * @param service {@code dynamodb} or {@code sesv2}
 * @param operation the API operation, e.g. {@code TransactWriteItems} or {@code SendEmail}
 * @param body the request body as text
 */
public record Call(String service, String operation, String body) {

    /** Calls of this DynamoDB operation. */
    public static Predicate<Call> dynamo(String operation) {
        return call -> call.service().equals("dynamodb") && call.operation().equals(operation);
    }

    /** Every DynamoDB call. */
    public static Predicate<Call> anyDynamo() {
        return call -> call.service().equals("dynamodb");
    }

    /** SESv2 {@code SendEmail} calls. */
    public static Predicate<Call> sendEmail() {
        return call -> call.service().equals("sesv2") && call.operation().equals("SendEmail");
    }

    /** Calls of this DynamoDB operation whose body contains {@code text} (e.g. a key prefix). */
    public static Predicate<Call> dynamo(String operation, String text) {
        return dynamo(operation).and(call -> call.body().contains(text));
    }
}
