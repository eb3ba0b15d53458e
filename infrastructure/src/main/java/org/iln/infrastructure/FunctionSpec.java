package org.iln.infrastructure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One Lambda function of the programme: its handler, size, trigger and exactly the access it needs.
 *
 * <p>The stack turns each field into resources and IAM statements, so a function gets only what
 * its spec lists.
 *
 * @param name short name, used in the function's name ({@code iln-<stage>-<name>}) and construct ids
 * @param handler the handler as Lambda names it, {@code package.Class::method}
 * @param artifact the functions jar that holds the handler
 * @param memoryMb memory in MB (Lambda gives CPU in proportion); an initial value, tuned from measurement
 * @param timeout the longest one invocation may run; an initial value, tuned from measurement
 * @param trigger what invokes the function
 * @param tableActions the DynamoDB IAM actions it needs on the table (Query is also granted on the indexes)
 * @param sendsMail whether it sends email through SES (as the domain identity, with the configuration set)
 * @param reservedConcurrency how many instances may run at once, or 0 for no limit of its own
 * @param javaToolOptions JVM options set through {@code JAVA_TOOL_OPTIONS}, or "" for the runtime's
 *     own: Lambda's Java 17 and 21 runtimes stop the JIT at C1, which starts short handlers
 *     fastest but leaves CPU-bound work (the matcher) slower
 */
public record FunctionSpec(
        String name,
        String handler,
        FunctionArtifact artifact,
        int memoryMb,
        Duration timeout,
        Trigger trigger,
        List<String> tableActions,
        boolean sendsMail,
        int reservedConcurrency,
        String javaToolOptions) {

    public FunctionSpec {
        Objects.requireNonNull(name, "name cannot be null");
        if (!name.matches("[a-z][a-z0-9-]{0,29}")) {
            throw new IllegalArgumentException("function name '" + name + "' must be 1-30 lower-case letters, digits or '-'");
        }
        Objects.requireNonNull(handler, "handler cannot be null");
        if (!handler.matches("org\\.iln\\.[A-Za-z0-9_.]+::[a-zA-Z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("handler '" + handler + "' must be 'org.iln.package.Class::method'");
        }
        Objects.requireNonNull(artifact, "artifact cannot be null");
        if (memoryMb < 128 || memoryMb > 10_240) {
            throw new IllegalArgumentException("memoryMb of '" + name + "' must be 128-10240");
        }
        Objects.requireNonNull(timeout, "timeout cannot be null");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("timeout of '" + name + "' must be between 1 second and 15 minutes");
        }
        Objects.requireNonNull(trigger, "trigger cannot be null");
        if (reservedConcurrency < 0) {
            throw new IllegalArgumentException("reservedConcurrency of '" + name + "' must be 0 (none) or more");
        }
        Objects.requireNonNull(javaToolOptions, "javaToolOptions cannot be null (\"\" for the runtime's own)");
        tableActions = List.copyOf(tableActions);
        for (String action : tableActions) {
            // A wildcard would grant actions nobody reviewed; list each one.
            if (!action.matches("dynamodb:[A-Z][A-Za-z]+")) {
                throw new IllegalArgumentException("table action '" + action + "' of '" + name
                        + "' must be one named DynamoDB action such as dynamodb:GetItem");
            }
        }
    }

    /** The handler's class name, without the method. */
    public String handlerClass() {
        return handler.substring(0, handler.indexOf("::"));
    }

    /** Whether the function queries, and so needs Query on the indexes as well as on the table. */
    public boolean queries() {
        return tableActions.contains("dynamodb:Query");
    }
}
