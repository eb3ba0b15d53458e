package org.iln.infrastructure;

import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** The CDK app: {@code cdk synth} and {@code cdk deploy} run this main to build the programme's stacks. */
public final class IlnApp {

    /** CloudFront reads web ACLs only from this region. */
    static final String EDGE_REGION = "us-east-1";

    private IlnApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        StackSettings settings = StackSettings.from(app.getNode()::tryGetContext, System::getenv);
        // The CLI runs the app in the infrastructure module directory (where cdk.json is).
        build(app, settings, settings.functionsDirectoryIn(Path.of("")));
        app.synth();
    }

    /** Adds the edge stack (us-east-1) and the main stack to the app, and answers the main stack. */
    static ProgrammeStack build(App app, StackSettings settings, Path functionsDirectory) {
        EdgeStack edge = new EdgeStack(app, settings.edgeStackName(), StackProps.builder()
                .description("International Librarians Network: the CloudFront web ACL (must be in us-east-1)")
                .env(environment(settings, EDGE_REGION))
                .crossRegionReferences(true)
                .build(), settings);
        return new ProgrammeStack(app, settings.stackName(), StackProps.builder()
                .description("International Librarians Network: site, data, functions and mail")
                .env(environment(settings, settings.region()))
                .crossRegionReferences(true)
                .build(), settings, edge.webAclArn(), functionsDirectory);
    }

    private static Environment environment(StackSettings settings, String region) {
        return Environment.builder().account(settings.account().orElse(null)).region(region).build();
    }
}
