package org.iln.infrastructure;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** The CDK app: `cdk synth` and `cdk deploy` run this main to build the programme's stack. */
public final class IlnApp {

    private IlnApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        StackSettings settings = StackSettings.from(app.getNode()::tryGetContext);
        new ProgrammeStack(app, settings.stackName(), StackProps.builder()
                .description("International Librarians Network: site, data and functions")
                .build(), settings);
        app.synth();
    }
}
