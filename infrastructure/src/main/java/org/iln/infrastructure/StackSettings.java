package org.iln.infrastructure;

import java.util.Objects;
import java.util.function.Function;

/**
 * The deployment's settings, read once from CDK context (`cdk deploy -c stage=prod`), each with a
 * documented default so that a plain `cdk synth` works offline.
 *
 * @param stage short name used in resource names, for example {@code prod} or {@code test}
 * @param stackName the CloudFormation stack name
 */
public record StackSettings(String stage, String stackName) {

    public StackSettings {
        Objects.requireNonNull(stage, "stage cannot be null");
        if (!stage.matches("[a-z][a-z0-9-]{0,19}")) {
            throw new IllegalArgumentException(
                    "context 'stage' must be 1-20 lower-case letters, digits or '-', starting with a letter");
        }
        Objects.requireNonNull(stackName, "stackName cannot be null");
    }

    /** Reads the settings from CDK context, falling back to the defaults for what is not set. */
    public static StackSettings from(Function<String, Object> context) {
        String stage = stringOr(context.apply("stage"), "dev");
        return new StackSettings(stage, stringOr(context.apply("stackName"), "iln-" + stage));
    }

    private static String stringOr(Object value, String fallback) {
        return value == null ? fallback : value.toString();
    }
}
