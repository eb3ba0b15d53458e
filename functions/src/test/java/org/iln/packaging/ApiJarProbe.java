package org.iln.packaging;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.iln.signup.ApiHandler;

/**
 * Runs inside a fresh JVM whose class path is only a Lambda jar (and this class): builds the
 * API's handler as Lambda does and serves a few requests, printing {@code <name> <status>} per
 * request, then links every SESv2 and DynamoDB class the jar keeps and prints
 * {@code linked <n>} or the failures, reads suppressions in one BatchGetItem and prints
 * {@code suppressed <n>}; in the matching jar, matches a made-up pool and prints
 * {@code matched <n>}.
 *
 * <p>It must use nothing but the JDK and what the jars ship.
 */
public final class ApiJarProbe {

    private ApiJarProbe() {
    }

    public static void main(String[] args) throws Exception {
        String email = args[0];
        ApiHandler handler = new ApiHandler();
        long started = System.currentTimeMillis() - 60_000;
        String signup = "{\"givenName\":\"Ana\",\"familyName\":\"Silva\",\"email\":\"" + email + "\","
                + "\"country\":\"BR\",\"timezone\":\"America/Sao_Paulo\",\"languages\":[\"pt\",\"en\"],"
                + "\"sector\":\"public\",\"role\":\"Branch librarian\",\"careerStage\":\"early\","
                + "\"interests\":[\"outreach\"],\"preferSector\":\"any\",\"preferCareerStage\":\"any\","
                + "\"preferRegions\":[],\"excludeCountries\":[],\"openToAny\":true,\"maxPartners\":1,"
                + "\"consentPrivacy\":true,\"consentShare\":true,\"heardFrom\":\"colleague\",\"website\":\"\","
                + "\"formStartedAt\":" + started + "}";
        print("signup", handler.handleRequest(request("POST", "/api/signup", "application/json", signup, null), null));
        print("form-errors", handler.handleRequest(request("POST", "/api/signup",
                "application/x-www-form-urlencoded", "givenName=Ana&email=not-an-address", null), null));
        print("malformed", handler.handleRequest(request("POST", "/api/signup", "application/json", "{\"a\":", null), null));
        print("confirm-bad-token", handler.handleRequest(request("GET", "/api/confirm", null, null, "bad"), null));
        print("erase-request", handler.handleRequest(request("POST", "/api/erase", "application/json",
                "{\"email\":\"" + email + "\"}", null), null));
        linkSesClasses();
        // BatchGetItem, which the nightly matching reads suppressions with: its builders are model
        // shapes the matching jar must keep, and linking skips request classes without builders.
        org.iln.config.FunctionsConfig config = org.iln.config.FunctionsConfig.fromEnvironment(System.getenv());
        System.out.println("suppressed " + new org.iln.mail.Suppressions(
                org.iln.aws.AwsClients.create(config).dynamo(), config.tableName())
                .suppressedAmong(List.of("jar-probe-hash")).size());
        catalogueSamples().forEach(line -> System.out.println("words " + line));
        if (ApiJarProbe.class.getClassLoader().getResource("org/jgrapht/Graph.class") != null) {
            // the matching jar: the matcher's whole path (Blossom V, Edmonds, pricing) on made-up people,
            // so that a JGraphT class its shade filters cut but the matcher needs fails here
            System.out.println("matched " + org.iln.matching.Matcher.warmUp().stats().matched());
        }
    }

    /**
     * What the functions ask of the compiled catalogues, in every language of the programme: a
     * message, plural forms, a date, a number, and country and language names. {@link ApiJarIT}
     * compares these lines from the shaded jar (where the JDK alone formats them, without ICU4J)
     * with the same lines from the module's classes.
     */
    static List<String> catalogueSamples() {
        List<String> lines = new ArrayList<>();
        org.iln.messages.compiled.CompiledCatalogues catalogues = org.iln.messages.compiled.CompiledCatalogues.bundled();
        for (String tag : catalogues.tags()) {
            org.iln.messages.compiled.CompiledCatalogue catalogue = catalogues.of(tag);
            for (int n : new int[] {0, 1, 2, 3, 11, 100, 1_000_000}) {
                lines.add(tag + " plural " + n + ": " + catalogue.format("tags.count", n));
            }
            lines.add(tag + " date: " + catalogue.date(java.time.LocalDate.of(2027, 3, 14)));
            lines.add(tag + " number: " + catalogue.number(12_345));
            lines.add(tag + " countries: " + catalogue.countryName("BR") + ", " + catalogue.countryName("EG"));
            lines.add(tag + " languages: " + catalogue.languageName("pt") + ", " + catalogue.languageName("ar"));
            lines.add(tag + " own name: " + catalogue.ownName() + " " + catalogue.direction());
        }
        return lines;
    }

    private static void print(String name, APIGatewayV2HTTPResponse response) {
        System.out.println(name + " " + response.getStatusCode());
    }

    /**
     * Initializes every SESv2 and DynamoDB class in the jar except the model classes kept
     * without their builders (operations the functions never call, named by the client or the
     * endpoint rules): a missing shape shows up here as a NoClassDefFoundError rather than in
     * production.
     */
    private static void linkSesClasses() throws IOException, URISyntaxException {
        Path jar = Path.of(ApiHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> failures = new ArrayList<>();
        int linked = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(JarEntry::getName).toList();
            for (String name : names) {
                boolean sdk = name.startsWith("software/amazon/awssdk/services/sesv2/")
                        || name.startsWith("software/amazon/awssdk/services/dynamodb/");
                if (!sdk || !name.endsWith(".class")) {
                    continue;
                }
                String className = name.substring(0, name.length() - ".class".length());
                boolean uncalledRequest = className.endsWith("Request")
                        && !names.contains(className + "$BuilderImpl.class");
                if (uncalledRequest || className.endsWith("package-info")) {
                    continue;
                }
                try {
                    Class.forName(className.replace('/', '.'), true, ApiJarProbe.class.getClassLoader());
                    linked++;
                } catch (LinkageError | ClassNotFoundException e) {
                    // A shape kept as a class only (named in the endpoint rules' instanceof checks)
                    // has no builders and cannot initialize; nothing we call builds one.
                    boolean classOnly = className.contains("/model/") && !className.contains("$")
                            && !names.contains(className + "$Builder.class");
                    if (!classOnly) {
                        failures.add(className + ": " + e);
                    }
                }
            }
        }
        failures.forEach(f -> System.out.println("link-failure " + f));
        System.out.println("linked " + linked);
    }

    private static APIGatewayV2HTTPEvent request(String method, String path, String contentType, String body,
                                                 String token) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("$default").withRawPath(path)
                .withHeaders(contentType == null ? Map.of() : Map.of("content-type", contentType))
                .withQueryStringParameters(token == null ? null : Map.of("token", token))
                .withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withSourceIp("198.51.100.10").build())
                        .build())
                .build();
    }
}
