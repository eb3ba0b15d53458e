package org.iln.infrastructure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * The app synthesised once for the whole test run, with settings that differ from every default,
 * so each assertion also shows that its context value reaches the template.
 *
 * <p>A synth starts the jsii runtime and takes several seconds; the holder idiom makes the first
 * test class that asks pay for it, and every later one reuse it.
 */
final class SynthesisedProgramme {

    static final Map<String, Object> CONTEXT = Map.ofEntries(
            Map.entry("stage", "test"),
            Map.entry("region", "eu-west-1"),
            Map.entry("account", "123456789012"),
            Map.entry("domain", "iln.example.net"),
            Map.entry("sender", "ILN programme <hello@iln.example.net>"),
            Map.entry("sendRate", 9),
            Map.entry("apiRateLimit", 15),
            Map.entry("apiBurstLimit", 30),
            Map.entry("wafRateLimit", 250),
            Map.entry("alarmEmail", "ops@example.net"),
            Map.entry("autoPublishDays", "7"));

    static final StackSettings SETTINGS = StackSettings.from(CONTEXT::get, name -> null);

    /** This module's build folder: what the tests write goes here, not to the system temp folder. */
    private static final Path BUILD = Path.of("target").toAbsolutePath();

    private static final ProgrammeStack MAIN_STACK;
    static final Template MAIN;
    static final Template EDGE;

    static {
        App app = app("programme");
        MAIN_STACK = IlnApp.build(app, SETTINGS, fixtureJars());
        MAIN = Template.fromStack(MAIN_STACK);
        EDGE = Template.fromStack((Stack) app.getNode().findChild(SETTINGS.edgeStackName()));
    }

    private SynthesisedProgramme() {
    }

    static ProgrammeStack mainStack() {
        return MAIN_STACK;
    }

    /**
     * An app that synthesises into {@code target/cdk.out/NAME}: without an outdir, CDK makes a
     * {@code cdk.out*} folder in the system temp folder for each app and never deletes it.
     */
    static App app(String name) {
        return new App(AppProps.builder().outdir(BUILD.resolve("cdk.out").resolve(name).toString()).build());
    }

    /** The logical id of a construct's CloudFormation resource in the main stack. */
    static String logicalId(IConstruct construct) {
        return MAIN_STACK.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }

    /** The resources of one type, by logical id: each a map with Type, Properties and the rest. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(Template template, String type) {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) template.findResources(type);
    }

    /** The Properties of the one resource with this logical id. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Template template, String type, String logicalId) {
        Map<String, Object> resource = resources(template, type).get(logicalId);
        if (resource == null) {
            throw new AssertionError("no " + type + " with logical id " + logicalId);
        }
        return (Map<String, Object>) resource.get("Properties");
    }

    /**
     * Small real zips standing in for the functions' jars, one per artifact, each different so
     * that each becomes an asset of its own: the asset only needs a file to hash and stage;
     * nothing in these tests runs the handlers (FunctionArtifactsTest loads them from the real jars).
     */
    static Path fixtureJars() {
        try {
            Path directory = Files.createDirectories(BUILD.resolve("functions-fixture"));
            for (FunctionArtifact artifact : FunctionArtifact.values()) {
                Path jar = directory.resolve(artifact.fileName());
                try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
                    zip.write(("Manifest-Version: 1.0\nImplementation-Title: " + artifact.classifier() + "\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    zip.closeEntry();
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the fixture jars", e);
        }
    }
}
