package org.iln.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stack against the real jars the functions module built (the reactor packages functions
 * before it tests infrastructure): each function's handler loads from the jar it is deployed
 * from, and the environment the stack gives it satisfies the functions' own configuration parser,
 * {@code org.iln.config.FunctionsConfig}, the one source of the variables' names.
 *
 * <p>Each jar is opened in a class loader of its own over the JDK alone, as Lambda would run it,
 * so nothing on this module's class path can stand in for a class the jar lacks.
 */
class FunctionArtifactsTest {

    /** A secret value as the stack generates it: 64 letters and digits. */
    static final String SAMPLE_SECRET = "Sample0Secret1Value2Made3Of4Letters5And6Digits7Only8Sixty9Four0X";

    private static final Map<FunctionArtifact, URLClassLoader> LOADERS = new EnumMap<>(FunctionArtifact.class);

    static Stream<Named<FunctionSpec>> catalogue() {
        return FunctionCatalogue.functions().stream().map(spec -> Named.of(spec.name(), spec));
    }

    @BeforeAll
    static void openTheBuiltJars() throws IOException {
        Path directory = SynthesisedProgramme.SETTINGS.functionsDirectoryIn(Path.of(""));
        for (FunctionArtifact artifact : FunctionArtifact.values()) {
            Path jar = directory.resolve(artifact.fileName());
            assertThat(jar).as("the functions jars are built before infrastructure is tested; build them with "
                    + "'./mvnw -B -pl functions,infrastructure -am verify'").isRegularFile();
            LOADERS.put(artifact, new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader()));
        }
    }

    @AfterAll
    static void closeThem() throws IOException {
        for (URLClassLoader loader : LOADERS.values()) {
            loader.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void each_handler_loads_from_its_jar_with_every_class_its_signature_names(FunctionSpec spec) throws Exception {
        // given
        ClassLoader jar = LOADERS.get(spec.artifact());
        String method = spec.handler().substring(spec.handler().indexOf("::") + 2);

        // when: resolving the public methods loads every parameter type (the event classes)
        Class<?> handler = Class.forName(spec.handlerClass(), false, jar);
        Method[] methods = handler.getMethods();

        // then
        assertThat(Class.forName("com.amazonaws.services.lambda.runtime.RequestHandler", false, jar)
                .isAssignableFrom(handler)).as("%s is a RequestHandler", handler.getName()).isTrue();
        assertThat(methods).as("%s has %s(event, context)", handler.getName(), method)
                .anyMatch(m -> m.getName().equals(method) && m.getParameterCount() == 2);
        assertThat(handler.getConstructor()).as("Lambda builds the handler with its no-argument constructor")
                .isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void each_functions_environment_satisfies_the_functions_own_configuration_parser(FunctionSpec spec)
            throws Exception {
        // given: the synthesised environment, tokens replaced by sample values, and what Lambda adds
        Map<String, String> environment = sampled(FunctionsTest.environment(spec));
        Class<?> parser = Class.forName("org.iln.config.FunctionsConfig", true, LOADERS.get(spec.artifact()));
        @SuppressWarnings("unchecked")
        Set<String> readByTheFunctions = (Set<String>) parser.getField("VARIABLES").get(null);
        Map<String, String> atRunTime = new TreeMap<>(environment);
        atRunTime.put("AWS_REGION", "eu-west-1");
        List<String> secretsRead = new ArrayList<>();
        Function<String, String> secrets = arn -> {
            secretsRead.add(arn);
            return SAMPLE_SECRET;
        };

        // when
        Object config = invoke(parser.getMethod("fromVariables", Map.class, Function.class), atRunTime, secrets);

        // then: nothing set that nobody reads (the JVM reads its own options),
        assertThat(environment.keySet()).as("variables %s reads", parser.getName())
                .allMatch(name -> readByTheFunctions.contains(name) || name.equals(ProgrammeStack.JAVA_TOOL_OPTIONS));
        // every secret read from Secrets Manager, as named,
        assertThat(secretsRead).containsExactlyInAnyOrderElementsOf(environment.entrySet().stream()
                .filter(e -> e.getKey().endsWith("_SECRET_ARN")).map(Map.Entry::getValue).toList());
        // and what the function will work with is what the stack meant.
        String siteUrl = environment.get("ILN_SITE_URL");
        assertThat(value(config, "siteUrl").toString()).isEqualTo(siteUrl);
        assertThat(value(config, "programme")).isEqualTo(siteUrl + "/" + ProgrammeStack.MANIFEST_KEY);
        assertThat(value(config, "mailFrom")).isEqualTo(SynthesisedProgramme.SETTINGS.sender());
        assertThat(value(config, "sendRate")).isEqualTo(SynthesisedProgramme.SETTINGS.sendRate());
        assertThat(value(config, "configurationSet")).isEqualTo(Optional.of(environment.get("ILN_CONFIGURATION_SET")));
        assertThat(value(config, "endpointOverride")).as("in AWS, no emulator").isEqualTo(Optional.empty());
        assertThat(value(config, "originVerify")).isEqualTo(spec.trigger() instanceof Trigger.HttpRoutes
                ? Optional.of(SAMPLE_SECRET) : Optional.empty());
        assertThat(parser.getField("ORIGIN_VERIFY_HEADER").get(null)).as("the header CloudFront adds is the one checked")
                .isEqualTo(ProgrammeStack.ORIGIN_VERIFY_HEADER);
    }

    /** The environment with each CloudFormation intrinsic replaced by a sample value naming it. */
    static Map<String, String> sampled(Map<?, ?> variables) {
        return variables.entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().toString(), e -> sample(e.getValue()), (a, b) -> a, TreeMap::new));
    }

    private static String sample(Object value) {
        if (value instanceof Map<?, ?> intrinsic && intrinsic.size() == 1) {
            Map.Entry<?, ?> call = intrinsic.entrySet().iterator().next();
            List<?> arguments = call.getValue() instanceof List<?> list ? list : List.of(call.getValue());
            return switch (call.getKey().toString()) {
                case "Ref" -> "sample-" + arguments.get(0);
                case "Fn::GetAtt" -> "sample-" + arguments.stream().map(Object::toString).collect(Collectors.joining("-"));
                case "Fn::Join" -> ((List<?>) arguments.get(1)).stream().map(FunctionArtifactsTest::sample)
                        .collect(Collectors.joining(arguments.get(0).toString()));
                default -> throw new AssertionError("no sample for " + value);
            };
        }
        return String.valueOf(value);
    }

    private static Object invoke(Method method, Object... arguments) throws Exception {
        try {
            return method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw new AssertionError("FunctionsConfig refused the synthesised environment: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static Object value(Object config, String accessor) throws Exception {
        return config.getClass().getMethod(accessor).invoke(config);
    }
}
