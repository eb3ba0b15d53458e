package org.iln.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.iln.json.Json;
import org.iln.localaws.MotoServer;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Lambda jars, as built ({@code target/iln-functions-*-api.jar} and {@code -matching.jar},
 * which holds the API's handler too), serve the participant API in a fresh JVM with nothing else
 * on the class path: what the shade filters cut is really never needed. Runs after
 * {@code package} (failsafe), against the emulator.
 */
@ExtendWith(AwsEmulator.class)
class ApiJarIT {

    private static final long MAX_BYTES = 15_000_000;

    @ParameterizedTest(name = "the {0} jar")
    @ValueSource(strings = {"api", "matching"})
    void a_lambda_jar_serves_signup_confirm_and_erase_on_its_own(String classifier, Aws aws, @TempDir Path work)
            throws Exception {
        // given the built jar, the probe class alone beside it, and a manifest whose round is open today
        Path jar = jar(classifier);
        Path probe = copyProbe(work.resolve("probe"));
        Path programme = openRoundManifest(work.resolve("programme.json"));

        // when a fresh JVM runs the probe with the environment Lambda would give it
        ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + java.io.File.pathSeparator + probe, ApiJarProbe.class.getName(), "jar-probe@example.org")
                .redirectErrorStream(true);
        Map<String, String> env = process.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("ILN_"));
        env.putAll(Map.of("AWS_REGION", MotoServer.REGION, "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_ENDPOINT_URL", aws.endpoint().toString(), "ILN_TABLE_NAME", Aws.TABLE,
                "ILN_SITE_URL", Aws.SITE.toString(), "ILN_MAIL_FROM", Aws.FROM, "ILN_PROGRAMME", programme.toString(),
                "ILN_ADDRESS_KEY", key('a'), "ILN_TOKEN_KEY", key('t')));
        Process running = process.start();
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(running.waitFor(2, TimeUnit.MINUTES)).isTrue();

        // then every request got its answer, nothing failed to link, and the mail went out
        assertThat(running.exitValue()).as(output).isZero();
        assertThat(output).as(output)
                .contains("signup 202", "form-errors 400", "malformed 400", "confirm-bad-token 303", "erase-request 202")
                .doesNotContain("link-failure", "NoClassDefFoundError", "ClassNotFoundException")
                .containsPattern("linked [1-9][0-9]*").contains("suppressed 0");
        if (classifier.equals("matching")) {
            assertThat(output).as(output).containsPattern("matched [1-9][0-9]*");
        }
        assertThat(output.lines().filter(line -> line.startsWith("words ")).map(line -> line.substring(6)))
                .as("the %s jar formats every language without ICU4J", classifier)
                .containsExactlyElementsOf(ApiJarProbe.catalogueSamples())
                .contains("es date: 14 de marzo de 2027", "ar own name: العربية rtl", "es countries: Brasil, Egipto");
        assertThat(aws.sentMail()).hasSize(2);
        assertThat(aws.sentMail().get(0).link("/api/confirm")).isNotBlank();
    }

    @ParameterizedTest(name = "the {0} jar")
    @ValueSource(strings = {"api", "matching"})
    void a_lambda_jar_is_at_most_15_MB(String classifier) throws IOException {
        assertThat(Files.size(jar(classifier))).as(classifier + " jar size in bytes").isLessThanOrEqualTo(MAX_BYTES);
    }

    @ParameterizedTest(name = "the {0} jar")
    @ValueSource(strings = {"api", "matching"})
    void a_lambda_jar_carries_the_compiled_catalogues_and_no_icu4j(String classifier) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar(classifier).toFile())) {
            for (String tag : org.iln.messages.compiled.CompiledCatalogues.bundled().tags()) {
                assertThat(file.getEntry("org/iln/messages/compiled/" + tag + ".properties")).as(tag).isNotNull();
            }
            assertThat(file.stream().map(java.util.jar.JarEntry::getName).filter(name -> name.startsWith("com/ibm/icu/")))
                    .as("ICU4J compiles the catalogues at build time; the functions never load it").isEmpty();
        }
    }

    private static Path jar(String classifier) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("iln-functions-.*-" + classifier + "\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no target/iln-functions-*-" + classifier + ".jar: run through 'verify', after 'package'"));
        }
    }

    private static Path copyProbe(Path dir) throws IOException {
        Path classes = Path.of("target", "test-classes");
        String probe = ApiJarProbe.class.getName().replace('.', '/');
        Path target = dir.resolve(probe + ".class");
        Files.createDirectories(target.getParent());
        List<Path> copied = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes.resolve(probe).getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("ApiJarProbe")).toList()) {
                copied.add(Files.copy(file, target.getParent().resolve(file.getFileName())));
            }
        }
        assertThat(copied).isNotEmpty();
        return dir;
    }

    private static Path openRoundManifest(Path file) throws IOException {
        ObjectMapper json = Json.newMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(Aws.programmeFixture().toFile());
        ObjectNode round = (ObjectNode) manifest.withArray("rounds").get(0);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        round.put("opens", today.minusDays(7).toString()).put("closes", today.plusDays(21).toString());
        manifest.putArray("rounds").add(round);
        json.writeValue(file.toFile(), manifest);
        return file;
    }

    private static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
    }
}
