package org.iln.cli;

import java.net.URI;
import java.util.Optional;
import org.iln.cli.dev.LocalAws;
import picocli.CommandLine.Option;

/** Where a command finds the programme's AWS: an emulator at an address, or real AWS through a profile. */
final class AwsTarget {

    @Option(names = "--aws-endpoint", paramLabel = "URL",
            description = "An AWS emulator that is already running (e.g. LocalStack at http://localhost:4566, "
                    + "or the moto_server ./iln dev started: it prints its address).")
    URI endpoint;

    @Option(names = "--aws-profile", paramLabel = "NAME",
            description = "REAL AWS with this credentials profile (needs --table).")
    String profile;

    @Option(names = "--table", paramLabel = "NAME", description = "DynamoDB table (default with an emulator: " + LocalAws.LOCAL_TABLE + ").")
    String table;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: $AWS_REGION, else eu-west-1).")
    String region;

    /** The region given, else $AWS_REGION, else eu-west-1. */
    String region() {
        return Optional.ofNullable(region).or(() -> Optional.ofNullable(System.getenv("AWS_REGION"))).orElse("eu-west-1");
    }

    /** The table given, else the local runner's. */
    String tableOrLocal() {
        return table == null ? LocalAws.LOCAL_TABLE : table;
    }
}
