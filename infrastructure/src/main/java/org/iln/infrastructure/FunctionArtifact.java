package org.iln.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The shaded jars the functions module builds (functions/pom.xml, one maven-shade-plugin
 * execution each): every function is deployed from the one that holds its handler.
 */
public enum FunctionArtifact {
    /** Every handler but matching: the API, the country cap, dispatch and SES events. */
    API("api"),
    /** The nightly matching handler with the matcher and JGraphT. */
    MATCHING("matching");

    /** The version of this build, which the functions jars share (the reactor builds them together). */
    public static final String VERSION = buildVersion();

    private final String classifier;

    FunctionArtifact(String classifier) {
        this.classifier = classifier;
    }

    /** The shade execution's classifier. */
    public String classifier() {
        return classifier;
    }

    /** The jar's file name in functions/target, for example {@code iln-functions-0.1.0-SNAPSHOT-api.jar}. */
    public String fileName() {
        return "iln-functions-" + VERSION + "-" + classifier + ".jar";
    }

    private static String buildVersion() {
        Properties build = new Properties();
        try (InputStream in = FunctionArtifact.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing: build the app with Maven");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = build.getProperty("version", "");
        if (version.isBlank() || version.startsWith("$")) {
            throw new IllegalStateException("build.properties was not filtered: build the app with Maven");
        }
        return version;
    }
}
