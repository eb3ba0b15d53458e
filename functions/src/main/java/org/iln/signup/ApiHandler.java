package org.iln.signup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.iln.config.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.json.JsonStreams;
import org.iln.programme.ProgrammeSource;
import org.iln.signup.SubmittedFields.MalformedBodyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP API's one Lambda handler: routes {@code /api/signup}, {@code /api/confirm},
 * {@code /api/unsubscribe} and {@code /api/erase} (API Gateway HTTP API payload v2) to the
 * participant core and turns outcomes into responses. See docs/api.md for the contract.
 *
 * <p>It only translates: limits, media types and encodings here; every rule lives in the core.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Largest accepted body. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final String JSON_TYPE = "application/json";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("givenName", "Given name"), Map.entry("familyName", "Family name"),
            Map.entry("email", "Email address"), Map.entry("country", "Country"),
            Map.entry("timezone", "Time zone"), Map.entry("languages", "Languages"),
            Map.entry("sector", "Library sector"), Map.entry("role", "Role"),
            Map.entry("careerStage", "Career stage"), Map.entry("interests", "Areas of interest"),
            Map.entry("preferSector", "Preferred partner sector"),
            Map.entry("preferCareerStage", "Preferred partner career stage"),
            Map.entry("preferRegions", "Preferred regions"), Map.entry("excludeCountries", "Countries to avoid"),
            Map.entry("openToAny", "Open to any match"), Map.entry("maxPartners", "Number of partners"),
            Map.entry("consentPrivacy", "Privacy notice"), Map.entry("consentShare", "Sharing your profile"),
            Map.entry("heardFrom", "How you heard of us"), Map.entry("body", "Form"),
            Map.entry("round", "Round"));

    private final Participants core;
    private final FunctionsConfig config;
    private final Clock clock;
    private final Pages pages = new Pages();
    // Not static: a static logger would start logback as Lambda loads this class, before
    // ColdStart's second thread has started on the TLS context.
    private final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    /**
     * For Lambda: reads the environment once and builds real clients, the mail's on a second
     * thread while the first request starts (see {@link ColdStart}).
     */
    public ApiHandler() {
        this(ColdStart.begin(http -> FunctionsConfig.fromEnvironment(System.getenv(), http), Clock.systemUTC()));
    }

    /** A handler over a core that {@code start} is building (tests start one without environment variables). */
    ApiHandler(ColdStart start) {
        this(start.participants(), start.clock(), start.config());
    }

    /** For tests and the local runner: given clients, clock and configuration. */
    public ApiHandler(AwsClients clients, Clock clock, FunctionsConfig config) {
        this(Participants.create(clients, clock, config, ProgrammeSource.of(config.programme(), clock)), clock, config);
    }

    private ApiHandler(Participants core, Clock clock, FunctionsConfig config) {
        this.core = Objects.requireNonNull(core, "core");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The core this handler drives (the local runner and tests reach the country cap through it). */
    public Participants participants() {
        return core;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (context != null) {
            MDC.put("requestId", context.getAwsRequestId());
        }
        Request request = null;
        try {
            if (!cameThroughCloudFront(event)) {
                log.atInfo().addKeyValue("outcome", "no-origin-header").log("request refused: not through CloudFront");
                return respond(403, errors("request", "Use the programme's site address, not the API's own."),
                        Map.of());
            }
            request = Request.of(event);
            return route(request);
        } catch (RuntimeException e) {
            // Never echo an exception to the client; the class name is enough to find it in logs.
            log.atError().addKeyValue("error", e.getClass().getName()).log("request failed");
            return refuse(request, 503, "request", "Please try again in a few minutes",
                    "Something went wrong on our side. Nothing was lost; please try again in a few minutes.",
                    Map.of("Retry-After", "60"));
        } finally {
            MDC.remove("requestId");
        }
    }

    /**
     * Whether the request carries CloudFront's origin header, when one is configured: the API's
     * own execute-api address would otherwise skip WAF, and let a client choose its
     * CloudFront-Viewer-Address (the rate limit's key).
     */
    private boolean cameThroughCloudFront(APIGatewayV2HTTPEvent event) {
        if (config.originVerify().isEmpty()) {
            return true;
        }
        byte[] expected = config.originVerify().get().getBytes(StandardCharsets.UTF_8);
        byte[] given = Request.header(event, FunctionsConfig.ORIGIN_VERIFY_HEADER).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    private APIGatewayV2HTTPResponse route(Request request) {
        switch (request.path) {
            case "/api/signup":
                return request.method.equals("POST") ? signup(request) : notAllowed("POST");
            case "/api/confirm":
                // Not HEAD: a probe must not confirm anything.
                return request.method.equals("GET") ? confirm(request) : notAllowed("GET");
            case "/api/unsubscribe":
                return switch (request.method) {
                    case "GET", "HEAD" -> unsubscribePage(request);
                    case "POST" -> unsubscribe(request);
                    default -> notAllowed("GET, HEAD, POST");
                };
            case "/api/erase":
                return switch (request.method) {
                    case "GET", "HEAD" -> erasePage(request);
                    case "POST" -> request.query("token").isPresent() ? erase(request) : eraseRequest(request);
                    default -> notAllowed("GET, HEAD, POST");
                };
            default:
                return respond(404, errors("request", "There is no such API path."), Map.of());
        }
    }

    private APIGatewayV2HTTPResponse signup(Request request) {
        Parsed parsed = parse(request);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        SubmittedFields fields = parsed.fields();
        Signup.Outcome outcome = core.signup().submit(fields);
        if (outcome instanceof Signup.Invalid invalid) {
            return invalid(request, invalid.errors());
        }
        if (outcome instanceof Signup.Closed closed) {
            String message = closed.nextOpens()
                    .map(day -> "Applications are closed. The next round"
                            + closed.nextTitle().map(t -> " (" + t + ")").orElse("") + " opens on " + day + ".")
                    .orElse("Applications are closed. The next round's dates have not been announced yet.");
            if (request.isForm()) {
                return html(409, pages.render("closed", Map.of("message", message)));
            }
            Map<String, Object> body = new LinkedHashMap<>(errors("round", message));
            closed.nextOpens().map(LocalDate::toString).ifPresent(d -> body.put("nextRoundOpens", d));
            return respond(409, body, Map.of());
        }
        return checkYourEmail(request);
    }

    /** A body's fields, or the response refusing it (too large, wrong media type, malformed). */
    private record Parsed(SubmittedFields fields, APIGatewayV2HTTPResponse refusal) {
    }

    private Parsed parse(Request request) {
        Optional<APIGatewayV2HTTPResponse> refused = refuseBody(request);
        if (refused.isPresent()) {
            return new Parsed(null, refused.get());
        }
        try {
            return new Parsed(request.isForm() ? SubmittedFields.fromForm(request.body)
                    : SubmittedFields.fromJson(request.body), null);
        } catch (MalformedBodyException e) {
            log.atInfo().addKeyValue("outcome", "malformed").log("request refused: malformed body");
            return new Parsed(null, invalid(request, List.of(new FieldError("body", e.getMessage()))));
        }
    }

    private APIGatewayV2HTTPResponse confirm(Request request) {
        boolean confirmed = core.confirmation().confirm(request.query("token").orElse(""));
        return redirect(confirmed ? "/confirmed.html" : "/link-expired.html");
    }

    private APIGatewayV2HTTPResponse unsubscribePage(Request request) {
        String token = request.query("token").orElse("");
        if (!core.unsubscription().isValid(token)) {
            return redirect("/link-expired.html");
        }
        return html(200, pages.render("unsubscribe-confirm", Map.of("action", "/api/unsubscribe?token=" + token)));
    }

    private APIGatewayV2HTTPResponse unsubscribe(Request request) {
        if (request.body.length > MAX_BODY_BYTES) {
            return respond(413, errors("body", "The request is too large."), Map.of());
        }
        if (!core.unsubscription().unsubscribe(request.query("token").orElse(""))) {
            return redirect("/link-expired.html");
        }
        return html(200, pages.render("unsubscribed", Map.of()));
    }

    private APIGatewayV2HTTPResponse eraseRequest(Request request) {
        Parsed parsed = parse(request);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        SubmittedFields fields = parsed.fields();
        if (fields.all("website").stream().anyMatch(v -> !v.isBlank())) {
            return checkYourEmail(request);
        }
        SignupValidator.EmailResult result = new SignupValidator().validateEmailOnly(fields);
        if (result.email().isEmpty()) {
            return invalid(request, result.errors());
        }
        core.erasure().request(result.email().get());
        return checkYourEmail(request);
    }

    private APIGatewayV2HTTPResponse erasePage(Request request) {
        String token = request.query("token").orElse("");
        if (!core.erasure().isValid(token)) {
            return redirect("/link-expired.html");
        }
        return html(200, pages.render("erase-confirm", Map.of("action", "/api/erase?token=" + token)));
    }

    private APIGatewayV2HTTPResponse erase(Request request) {
        if (request.body.length > MAX_BODY_BYTES) {
            return respond(413, errors("body", "The request is too large."), Map.of());
        }
        return redirect(core.erasure().erase(request.query("token").orElse("")) ? "/erased.html" : "/link-expired.html");
    }

    /** Size, media type and per-client rate, checked before a body is parsed. */
    private Optional<APIGatewayV2HTTPResponse> refuseBody(Request request) {
        if (request.body.length > MAX_BODY_BYTES) {
            return Optional.of(refuse(request, 413, "body", "The form is too large",
                    "The form is larger than 16 KiB. Please shorten the longest answers and send it again.", Map.of()));
        }
        if (!request.isForm() && !request.isJson()) {
            return Optional.of(respond(415, errors("body",
                    "Send the form as application/json or application/x-www-form-urlencoded."), Map.of()));
        }
        long hits = core.store().countRequest(core.hasher().client(request.sourceIp), clock.instant(),
                config.rateWindow());
        if (hits > config.rateLimit()) {
            log.atInfo().addKeyValue("outcome", "rate-limited").log("request refused");
            long minutes = Math.max(1, config.rateWindow().toMinutes());
            return Optional.of(refuse(request, 429, "request", "Too many requests",
                    "Too many requests from your network. Please try again in " + minutes + " minutes.",
                    Map.of("Retry-After", Long.toString(config.rateWindow().getSeconds()))));
        }
        return Optional.empty();
    }

    /**
     * A refusal the client can show: a page for a browser (a form it posted, a link it followed),
     * JSON for a script. Nothing here may fail in turn: should the page not render, JSON it is.
     */
    private APIGatewayV2HTTPResponse refuse(Request request, int status, String field, String title, String message,
                                            Map<String, String> extraHeaders) {
        if (request != null && request.wantsPage()) {
            try {
                return html(status, pages.render("message", Map.of("title", title, "message", message)), extraHeaders);
            } catch (RuntimeException pageFailed) {
                log.atError().addKeyValue("error", pageFailed.getClass().getName()).log("error page failed");
            }
        }
        return respond(status, errors(field, message), extraHeaders);
    }

    private APIGatewayV2HTTPResponse invalid(Request request, List<FieldError> errors) {
        if (request.isForm()) {
            List<Map<String, String>> list = errors.stream()
                    .map(e -> Map.of("field", e.field(), "message", e.message())).toList();
            return html(400, pages.render("errors", Map.of("errors", list, "labels", LABELS, "back", "/signup.html")));
        }
        return respond(400, Map.of("errors", errors), Map.of());
    }

    private APIGatewayV2HTTPResponse checkYourEmail(Request request) {
        return request.isForm() ? redirect("/check-your-email.html")
                : respond(202, Map.of("status", "check-your-email"), Map.of());
    }

    private APIGatewayV2HTTPResponse notAllowed(String allow) {
        return respond(405, errors("request", "This method is not allowed here."), Map.of("Allow", allow));
    }

    private static Map<String, Object> errors(String field, String message) {
        return Map.of("errors", List.of(new FieldError(field, message)));
    }

    private APIGatewayV2HTTPResponse respond(int status, Object body, Map<String, String> extraHeaders) {
        Map<String, String> headers = baseHeaders();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(toJson(body)).build();
    }

    /**
     * A response body as JSON: maps (keys sorted, as {@link org.iln.json.Json}'s mapper writes
     * them), lists, field errors, text, numbers and booleans. Written with the streaming
     * generator so that answering a request never loads databind.
     */
    private static String toJson(Object body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JsonStreams.factory().createGenerator(out)) {
            write(generator, body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a response", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
                generator.writeFieldName(entry.getKey().toString());
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof FieldError error) {
            generator.writeStartObject();
            generator.writeStringField("field", error.field());
            generator.writeStringField("message", error.message());
            generator.writeEndObject();
        } else if (value instanceof Number number) {
            generator.writeNumber(number.toString());
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value == null) {
            generator.writeNull();
        } else if (value instanceof CharSequence || value instanceof LocalDate) {
            generator.writeString(value.toString());
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " in a response");
        }
    }

    private static APIGatewayV2HTTPResponse html(int status, String body) {
        return html(status, body, Map.of());
    }

    private static APIGatewayV2HTTPResponse html(int status, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = baseHeaders();
        headers.putAll(extraHeaders);
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Content-Security-Policy", "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    private static APIGatewayV2HTTPResponse redirect(String location) {
        Map<String, String> headers = baseHeaders();
        headers.put("Location", location);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(303).withHeaders(headers).withBody("").build();
    }

    private static Map<String, String> baseHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        // Links carry tokens in the query string: never leak them to another site.
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }

    /** The parts of an HTTP API event this handler uses, decoded once. */
    private record Request(String method, String path, String contentType, byte[] body, Map<String, String> query,
                           String sourceIp) {

        static Request of(APIGatewayV2HTTPEvent event) {
            var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
            String method = http != null && http.getMethod() != null ? http.getMethod().toUpperCase(Locale.ROOT) : "GET";
            String path = event.getRawPath() != null ? event.getRawPath() : http != null ? http.getPath() : "/";
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            String contentType = header(event, "content-type").toLowerCase(Locale.ROOT);
            byte[] body = decode(event);
            Map<String, String> query = event.getQueryStringParameters() == null ? Map.of()
                    : event.getQueryStringParameters();
            String ip = http != null && http.getSourceIp() != null ? http.getSourceIp() : "unknown";
            // Behind CloudFront the source is an edge server; CloudFront sets this header to the
            // visitor's "address:port" and overwrites any a client sends (the stack forwards it;
            // the origin header check above keeps clients from going around CloudFront).
            String viewer = header(event, "cloudfront-viewer-address");
            if (!viewer.isBlank()) {
                int port = viewer.lastIndexOf(':');
                ip = port > 0 ? viewer.substring(0, port) : viewer;
            }
            return new Request(method, path, contentType, body, query, ip);
        }

        private static String header(APIGatewayV2HTTPEvent event, String name) {
            if (event.getHeaders() != null) {
                for (Map.Entry<String, String> h : event.getHeaders().entrySet()) {
                    if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && h.getValue() != null) {
                        return h.getValue();
                    }
                }
            }
            return "";
        }

        private static byte[] decode(APIGatewayV2HTTPEvent event) {
            String body = event.getBody();
            if (body == null) {
                return new byte[0];
            }
            if (event.getIsBase64Encoded()) {
                try {
                    return Base64.getMimeDecoder().decode(body);
                } catch (IllegalArgumentException e) {
                    return body.getBytes(StandardCharsets.UTF_8);
                }
            }
            return body.getBytes(StandardCharsets.UTF_8);
        }

        Optional<String> query(String name) {
            return Optional.ofNullable(query.get(name));
        }

        boolean isJson() {
            return mediaType().equals(JSON_TYPE);
        }

        boolean isForm() {
            return mediaType().equals(FORM_TYPE);
        }

        /** Whether a browser is showing the answer: it posted the site's form, or followed a link. */
        boolean wantsPage() {
            return isForm() || method.equals("GET") || method.equals("HEAD");
        }

        private String mediaType() {
            int semicolon = contentType.indexOf(';');
            return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        }
    }
}
