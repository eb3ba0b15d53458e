package org.iln.signup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.crac.Core;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.mail.Phrase;
import org.iln.mail.Wording;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.programme.ProgrammeSource;
import org.iln.round.CareStore;
import org.iln.signup.SubmittedFields.MalformedBodyException;
import org.iln.survey.SurveyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP API's one Lambda handler: routes {@code /api/signup}, {@code /api/confirm},
 * {@code /api/unsubscribe}, {@code /api/erase}, the personal page's {@code /api/me} paths (the page,
 * update, withdraw, a fresh link, the partner's care, the end-of-round survey and joining the next
 * round), the volunteer form and the coordinators' {@code /api/coordinate} paths (API Gateway HTTP
 * API payload v2) to the
 * participant core and turns outcomes into {@link Responses}. See docs/api.md for the contract.
 *
 * <p>It only translates: the origin check, size and media-type limits here; every rule, the
 * rate limit among them, lives in the core.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Largest accepted body. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Participants core;
    private final SurveyPage survey;
    private final NextRound nextRound;
    private final Volunteering volunteering;
    private final CoordinatorRoutes coordinator;
    private final FunctionsConfig config;
    private final Responses responses = new Responses();
    /** Held here because the CRaC context may hold its resources weakly. */
    private final SnapshotPriming priming;

    /** For Lambda: reads the environment once and builds the real clients. */
    public ApiHandler() {
        this(FunctionsConfig.fromEnvironment(System.getenv()), Clock.systemUTC());
    }

    private ApiHandler(FunctionsConfig config, Clock clock) {
        this(AwsClients.create(config), clock, config);
    }

    /**
     * For Lambda (through the no-arg constructor), tests and the local runner: given clients, clock
     * and configuration. Registers the snapshot priming with SnapStart's runtime hooks (which do
     * nothing on a JVM without CRaC).
     *
     * @throws IllegalArgumentException if the configured From address is not valid, so that a bad
     *     one fails the function's initialisation (and a SnapStart version's publication)
     */
    public ApiHandler(AwsClients clients, Clock clock, FunctionsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.core = Participants.create(clients, Objects.requireNonNull(clock, "clock"), config,
                ProgrammeSource.of(config.programme(), clock));
        this.survey = new SurveyPage(core.personalPage(), new SurveyStore(clients.dynamo(), config.tableName()),
                core.programme(), clock);
        this.nextRound = new NextRound(core.personalPage(), core.signup(), core.store(), core.programme(), clock);
        this.volunteering = Volunteering.create(clients, clock, config, core.programme());
        this.coordinator = new CoordinatorRoutes(core.coordinatorPage(), responses);
        this.priming = new SnapshotPriming(core.programme(), responses);
        Core.getGlobalContext().register(priming);
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
        ApiRequest request = null;
        try {
            if (!cameThroughCloudFront(event)) {
                LOG.atInfo().addKeyValue("outcome", "no-origin-header").log("request refused: not through CloudFront");
                return responses.error(languageOf(event), 403, "request", Phrase.of("page.api.notThroughSite"));
            }
            request = ApiRequest.of(event);
            return route(request);
        } catch (RuntimeException e) {
            // Never echo an exception to the client; the class name is enough to find it in logs.
            LOG.atError().addKeyValue("error", e.getClass().getName()).log("request failed");
            return responses.refuse(request, 503, "request", Phrase.of("page.failed.title"),
                    Phrase.of("page.failed.message"), Map.of("Retry-After", "60"));
        } finally {
            MDC.remove("requestId");
        }
    }

    /** The snapshot priming this handler registered (for tests). */
    SnapshotPriming priming() {
        return priming;
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
        byte[] given = ApiRequest.header(event, FunctionsConfig.ORIGIN_VERIFY_HEADER).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    private APIGatewayV2HTTPResponse route(ApiRequest request) {
        switch (request.path()) {
            case "/api/signup":
                return request.method().equals("POST") ? signup(request) : responses.notAllowed(request, "POST");
            case "/api/confirm":
                // Not HEAD: a probe must not confirm anything.
                return request.method().equals("GET") ? confirm(request) : responses.notAllowed(request, "GET");
            case "/api/unsubscribe":
                return switch (request.method()) {
                    case "GET", "HEAD" -> unsubscribePage(request);
                    case "POST" -> unsubscribe(request);
                    default -> responses.notAllowed(request, "GET, HEAD, POST");
                };
            case "/api/erase":
                return switch (request.method()) {
                    case "GET", "HEAD" -> erasePage(request);
                    case "POST" -> request.query("token").isPresent() ? erase(request) : eraseRequest(request);
                    default -> responses.notAllowed(request, "GET, HEAD, POST");
                };
            case "/api/me":
                return switch (request.method()) {
                    case "GET", "HEAD" -> personalPage(request);
                    default -> responses.notAllowed(request, "GET, HEAD");
                };
            case "/api/me/update":
                return request.method().equals("POST") ? update(request) : responses.notAllowed(request, "POST");
            case "/api/me/withdraw":
                return request.method().equals("POST") ? withdraw(request) : responses.notAllowed(request, "POST");
            case "/api/me/no-reply":
                return request.method().equals("POST") ? noReply(request) : responses.notAllowed(request, "POST");
            case "/api/me/still-here":
                return request.method().equals("POST") ? stillHere(request) : responses.notAllowed(request, "POST");
            case "/api/me/check-in":
                return request.method().equals("POST") ? checkIn(request) : responses.notAllowed(request, "POST");
            case "/api/me/link":
                return request.method().equals("POST") ? pageLinkRequest(request) : responses.notAllowed(request, "POST");
            case "/api/me/survey":
                return switch (request.method()) {
                    case "GET", "HEAD" -> surveyPage(request);
                    case "POST" -> surveyAnswer(request);
                    default -> responses.notAllowed(request, "GET, HEAD, POST");
                };
            case "/api/me/next-round":
                return switch (request.method()) {
                    case "GET", "HEAD" -> nextRoundPage(request);
                    case "POST" -> joinNextRound(request);
                    default -> responses.notAllowed(request, "GET, HEAD, POST");
                };
            case "/api/volunteer":
                return request.method().equals("POST") ? volunteer(request) : responses.notAllowed(request, "POST");
            case "/api/volunteer/confirm":
                // Not HEAD: a probe must not confirm anything.
                return request.method().equals("GET") ? confirmVolunteer(request) : responses.notAllowed(request, "GET");
            case "/api/coordinate":
                return switch (request.method()) {
                    case "GET", "HEAD" -> coordinator.page(request);
                    default -> responses.notAllowed(request, "GET, HEAD");
                };
            case "/api/coordinate/approve":
                return request.method().equals("POST")
                        ? withFields(request, fields -> coordinator.move(request, fields, "version"))
                        : responses.notAllowed(request, "POST");
            case "/api/coordinate/hold":
                return request.method().equals("POST")
                        ? withFields(request, fields -> coordinator.move(request, fields, "partnership"))
                        : responses.notAllowed(request, "POST");
            case "/api/coordinate/pin":
                return request.method().equals("POST")
                        ? withFields(request, fields -> coordinator.pair(request, fields, true))
                        : responses.notAllowed(request, "POST");
            case "/api/coordinate/forbid":
                return request.method().equals("POST")
                        ? withFields(request, fields -> coordinator.pair(request, fields, false))
                        : responses.notAllowed(request, "POST");
            case "/api/coordinate/withdraw", "/api/coordinate/resend", "/api/coordinate/pair":
                return request.method().equals("POST")
                        ? withFields(request, fields -> coordinator.act(request, fields)) : responses.notAllowed(request, "POST");
            case "/api/coordinate/link":
                return request.method().equals("POST")
                        ? emailForm(request, "/link-expired.html", core.coordinatorLinks()::request)
                        : responses.notAllowed(request, "POST");
            default:
                return responses.error(request.language(), 404, "request", Phrase.of("page.api.noSuchPath"));
        }
    }

    private APIGatewayV2HTTPResponse signup(ApiRequest request) {
        Parsed parsed = parse(request);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        Signup.Outcome outcome = core.signup().submit(parsed.fields());
        String language = SignupValidator.language(parsed.fields());
        if (outcome instanceof Signup.Invalid invalid) {
            return responses.invalidSignup(request, invalid.errors(), language);
        }
        if (outcome instanceof Signup.Closed closed) {
            Phrase message = closed.nextOpens()
                    .map(day -> closed.nextTitle().map(title -> Phrase.of("page.closed.nextOpens", title, day))
                            .orElse(Phrase.of("page.closed.nextOpensUntitled", day)))
                    .orElse(Phrase.of("page.closed.notAnnounced"));
            return responses.closed(request, message, closed, language);
        }
        return responses.checkYourEmail(request, language);
    }

    /** The volunteer form: every bad field named (nothing stored), else "check your email" in the form's language. */
    private APIGatewayV2HTTPResponse volunteer(ApiRequest request) {
        Parsed parsed = parse(request);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        String folder = languageFolder(parsed.fields());
        List<FieldError> errors = volunteering.submit(parsed.fields());
        if (!errors.isEmpty()) {
            return responses.invalidVolunteer(request, errors, "/" + folder + "volunteer.html",
                    folder.isEmpty() ? "" : folder.substring(0, folder.length() - 1));
        }
        return responses.done(request, "/" + folder + "volunteer-sent.html", "check-your-email");
    }

    private APIGatewayV2HTTPResponse confirmVolunteer(ApiRequest request) {
        return responses.redirect(volunteering.confirm(request.query("token").orElse(""))
                ? Wording.root(request.language()) + "volunteer-confirmed.html"
                : Wording.root(request.language()) + "link-expired.html");
    }

    /** The site folder of the form's language ("es/"), or the default language's (""); only languages the site has. */
    private static String languageFolder(SubmittedFields fields) {
        return Wording.root(SignupValidator.language(fields)).substring(1);
    }

    /** The core that takes offers to volunteer (the coordinator page lists {@link Volunteering#confirmedOffers()}). */
    public Volunteering volunteering() {
        return volunteering;
    }

    /** A body's fields, or the response refusing it (too large, wrong media type, too many, malformed). */
    private record Parsed(SubmittedFields fields, APIGatewayV2HTTPResponse refusal) {
    }

    private Parsed parse(ApiRequest request) {
        Optional<APIGatewayV2HTTPResponse> refused = refuseBody(request);
        if (refused.isPresent()) {
            return new Parsed(null, refused.get());
        }
        try {
            return new Parsed(request.fields(), null);
        } catch (MalformedBodyException e) {
            LOG.atInfo().addKeyValue("outcome", "malformed").log("request refused: malformed body");
            String language = request.language();
            return new Parsed(null, responses.invalidSignup(request,
                    List.of(new FieldError("body", e.problem().in(language))), language));
        }
    }

    private APIGatewayV2HTTPResponse confirm(ApiRequest request) {
        boolean confirmed = core.confirmation().confirm(request.query("token").orElse(""));
        // The link's lang names the page's language (unsigned: it only chooses the words).
        String root = Wording.root(request.query("lang").orElse(""));
        return responses.redirect(root + (confirmed ? "confirmed.html" : "link-expired.html"));
    }

    private APIGatewayV2HTTPResponse unsubscribePage(ApiRequest request) {
        String token = request.query("token").orElse("");
        if (!core.unsubscription().isValid(token)) {
            return responses.pageLinkExpired(request);
        }
        return responses.page(200, "unsubscribe-confirm", Map.of("action", "/api/unsubscribe?token=" + token
                + "&lang=" + request.language(), Wording.LANGUAGE, request.language()));
    }

    private APIGatewayV2HTTPResponse unsubscribe(ApiRequest request) {
        if (request.body().length > MAX_BODY_BYTES) {
            return responses.error(request.query("lang").orElse(""), 413, "body", Phrase.of("page.tooLarge.message",
                    MAX_BODY_BYTES / 1024));
        }
        if (!core.unsubscription().unsubscribe(request.query("token").orElse(""))) {
            return responses.pageLinkExpired(request);
        }
        return responses.page(200, "unsubscribed", Map.of(Wording.LANGUAGE, request.language()));
    }

    private APIGatewayV2HTTPResponse eraseRequest(ApiRequest request) {
        return emailForm(request, "/signup.html", core.erasure()::request);
    }

    private APIGatewayV2HTTPResponse erasePage(ApiRequest request) {
        String token = request.query("token").orElse("");
        if (!core.erasure().isValid(token)) {
            return responses.pageLinkExpired(request);
        }
        return responses.page(200, "erase-confirm", Map.of("action", "/api/erase?token=" + token
                + "&lang=" + request.language(), Wording.LANGUAGE, request.language()));
    }

    private APIGatewayV2HTTPResponse erase(ApiRequest request) {
        if (request.body().length > MAX_BODY_BYTES) {
            return responses.error(request.query("lang").orElse(""), 413, "body", Phrase.of("page.tooLarge.message",
                    MAX_BODY_BYTES / 1024));
        }
        return responses.redirect(Wording.root(request.language())
                + (core.erasure().erase(request.query("token").orElse("")) ? "erased.html" : "link-expired.html"));
    }

    private APIGatewayV2HTTPResponse personalPage(ApiRequest request) {
        String token = request.query("token").orElse("");
        Optional<PersonalPage.View> view = core.personalPage().open(token);
        if (view.isEmpty()) {
            return responses.pageLinkExpired(request);
        }
        return responses.page(200, "personal", PersonalPageModel.of(view.get(), core.programme().get(), token,
                request.query("done").orElse(""), request.query("ask").orElse(""), request.query("answer").orElse("")));
    }

    private APIGatewayV2HTTPResponse update(ApiRequest request) {
        Parsed parsed = parse(request);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        String token = request.query("token").orElse("");
        Optional<PersonalPage.Updated> outcome = core.personalPage().update(token, parsed.fields());
        if (outcome.isEmpty()) {
            return responses.pageLinkExpired(request);
        }
        String language = core.personalPage().language(token).orElse(request.language());
        if (outcome.get() instanceof PersonalPage.Invalid invalid) {
            return responses.invalid(request, invalid.errors(), PersonalPageModel.pageUrl(token), language);
        }
        if (outcome.get() instanceof PersonalPage.TooLate tooLate) {
            return responses.refuse(request, language, 409, "application", Phrase.of("page.tooLate.title"),
                    tooLate.message(), Map.of());
        }
        return responses.done(request, PersonalPageModel.pageUrl(token) + "&done=updated", "updated");
    }

    private APIGatewayV2HTTPResponse withdraw(ApiRequest request) {
        Parsed parsed = parse(request);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        String token = request.query("token").orElse("");
        List<String> confirm = parsed.fields().all(PersonalPageModel.CONFIRM_WITHDRAWAL);
        if (!confirm.equals(List.of("yes"))) {
            Optional<String> language = core.personalPage().language(token);
            if (language.isEmpty()) {
                return responses.pageLinkExpired(request);
            }
            return responses.invalid(request, List.of(new FieldError(PersonalPageModel.CONFIRM_WITHDRAWAL,
                    Phrase.of("page.withdraw.tick").in(language.get()))), PersonalPageModel.pageUrl(token), language.get());
        }
        Optional<PersonalPage.Withdrawal> outcome = core.personalPage().withdraw(token);
        if (outcome.isEmpty()) {
            return responses.pageLinkExpired(request);
        }
        if (outcome.get() == PersonalPage.Withdrawal.ROUND_ENDED) {
            return responses.refuse(request, core.personalPage().language(token).orElse(request.language()), 409,
                    "round", Phrase.of("page.roundEnded.title"), Phrase.of("page.roundEnded.withdraw"), Map.of());
        }
        return responses.done(request, PersonalPageModel.pageUrl(token) + "&done=withdrawn", "withdrawn");
    }

    private APIGatewayV2HTTPResponse surveyPage(ApiRequest request) {
        String token = request.query("token").orElse("");
        Optional<SurveyPage.View> view = survey.open(token);
        if (view.isEmpty()) {
            return responses.pageLinkExpired(request);
        }
        return responses.page(200, "survey", SurveyPageModel.of(view.get(), token, List.of(), Optional.empty(),
                request.query("done").orElse("")));
    }

    private APIGatewayV2HTTPResponse surveyAnswer(ApiRequest request) {
        Parsed parsed = parse(request);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        String token = request.query("token").orElse("");
        Optional<SurveyPage.Outcome> outcome = survey.save(token, parsed.fields());
        if (outcome.isEmpty()) {
            return responses.pageLinkExpired(request);
        }
        if (outcome.get() instanceof SurveyPage.Refused refused) {
            return responses.refuse(request, refused.language(), 409, "survey", Phrase.of("page.survey.refused.title"),
                    refused.message(), Map.of());
        }
        if (outcome.get() instanceof SurveyPage.Invalid invalid) {
            if (!request.isForm()) {
                return responses.invalid(request, invalid.errors(), "/signup.html", invalid.language());
            }
            // The form again, every problem named next to its question and what was sent kept.
            return survey.open(token).map(view -> responses.page(400, "survey", SurveyPageModel.of(view, token,
                    invalid.errors(), Optional.of(invalid.values()), ""))).orElseGet(() -> responses.pageLinkExpired(request));
        }
        return responses.done(request, SurveyPageModel.surveyUrl(token) + "&done=saved", "saved");
    }

    private APIGatewayV2HTTPResponse nextRoundPage(ApiRequest request) {
        String token = request.query("token").orElse("");
        Optional<NextRound.Offer> offer = nextRound.offer(token);
        if (offer.isEmpty()) {
            return responses.pageLinkExpired(request);
        }
        if (offer.get() instanceof NextRound.Refused refused) {
            return responses.refuse(request, refused.language(), 409, "round", refused.title(), refused.message(),
                    Map.of());
        }
        if (offer.get() instanceof NextRound.Invalid invalid) {
            return responses.invalidSignup(request, invalid.errors(), invalid.language());
        }
        NextRound.Open open = (NextRound.Open) offer.get();
        return responses.page(200, "next-round", SurveyPageModel.nextRound(open, token));
    }

    private APIGatewayV2HTTPResponse joinNextRound(ApiRequest request) {
        Parsed parsed = parse(request);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        Optional<NextRound.Offer> outcome = nextRound.join(request.query("token").orElse(""));
        if (outcome.isEmpty()) {
            return responses.pageLinkExpired(request);
        }
        if (outcome.get() instanceof NextRound.Refused refused) {
            return responses.refuse(request, refused.language(), 409, "round", refused.title(), refused.message(),
                    Map.of());
        }
        if (outcome.get() instanceof NextRound.Invalid invalid) {
            return responses.invalidSignup(request, invalid.errors(), invalid.language());
        }
        return responses.checkYourEmail(request, core.personalPage().language(request.query("token").orElse(""))
                .orElse(request.language()));
    }

    private APIGatewayV2HTTPResponse noReply(ApiRequest request) {
        Parsed parsed = parse(request);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        String token = request.query("token").orElse("");
        return core.personalPage().reportSilence(token)
                .map(reported -> done(request, token, PersonalPageModel.reported(reported)))
                .orElseGet(() -> responses.pageLinkExpired(request));
    }

    private APIGatewayV2HTTPResponse stillHere(ApiRequest request) {
        Parsed parsed = parse(request);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        String token = request.query("token").orElse("");
        return core.personalPage().stillHere(token)
                .map(answered -> done(request, token, answered ? "still-here" : "nothing-to-answer"))
                .orElseGet(() -> responses.pageLinkExpired(request));
    }

    private APIGatewayV2HTTPResponse checkIn(ApiRequest request) {
        Parsed parsed = parse(request);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        String token = request.query("token").orElse("");
        List<String> given = parsed.fields().all(PersonalPageModel.ANSWER);
        Optional<CareStore.CheckInAnswer> answer = given.size() == 1 ? CareStore.CheckInAnswer.of(given.get(0))
                : Optional.empty();
        if (answer.isEmpty()) {
            Optional<String> language = core.personalPage().language(token);
            if (language.isEmpty()) {
                return responses.pageLinkExpired(request);
            }
            return responses.invalid(request, List.of(new FieldError(PersonalPageModel.ANSWER,
                    Phrase.of("page.checkIn.choose").in(language.get()))), PersonalPageModel.pageUrl(token), language.get());
        }
        return core.personalPage().checkIn(token, answer.get())
                .map(stored -> done(request, token, stored ? "checked-in" : "not-matched"))
                .orElseGet(() -> responses.pageLinkExpired(request));
    }

    /** The page again with what happened ("done"): 303 for a browser, the status as JSON for a script. */
    private APIGatewayV2HTTPResponse done(ApiRequest request, String token, String status) {
        return responses.done(request, PersonalPageModel.pageUrl(token) + "&done=" + status, status);
    }

    /** The request's fields, handed to {@code then}, or the refusal of a body too large or malformed. */
    private APIGatewayV2HTTPResponse withFields(ApiRequest request, Function<SubmittedFields, APIGatewayV2HTTPResponse> then) {
        Parsed parsed = parse(request);
        return parsed.refusal() != null ? parsed.refusal() : then.apply(parsed.fields());
    }

    private APIGatewayV2HTTPResponse pageLinkRequest(ApiRequest request) {
        return emailForm(request, "/api/me", core.personalPage()::requestLink);
    }

    /**
     * A form that asks for a link by email (erasure, a fresh page link): a valid address goes to
     * {@code send}, and the answer is "check your email" whether or not the address is known.
     */
    private APIGatewayV2HTTPResponse emailForm(ApiRequest request, String back, Consumer<String> send) {
        Parsed parsed = parse(request);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        SubmittedFields fields = parsed.fields();
        String language = request.language();
        if (fields.all(SignupField.WEBSITE.formName()).stream().anyMatch(v -> !v.isBlank())) {
            return responses.checkYourEmail(request, language);
        }
        SignupValidator.EmailResult result = new SignupValidator().validateEmailOnly(fields);
        if (result.email().isEmpty()) {
            return responses.invalid(request, result.errors(), back, language);
        }
        send.accept(result.email().get());
        return responses.checkYourEmail(request, language);
    }

    /** The link's {@code lang} of a request refused before it is read: English if none, unknown or malformed. */
    private static String languageOf(APIGatewayV2HTTPEvent event) {
        Map<String, String> query = event.getQueryStringParameters();
        return CompiledCatalogues.bundled().of(query == null ? null : query.get("lang")).tag();
    }

    /** Size, media type and per-client rate, checked before a body is parsed. */
    private Optional<APIGatewayV2HTTPResponse> refuseBody(ApiRequest request) {
        if (request.body().length > MAX_BODY_BYTES) {
            return Optional.of(responses.refuse(request, 413, "body", Phrase.of("page.tooLarge.title"),
                    Phrase.of("page.tooLarge.message", MAX_BODY_BYTES / 1024), Map.of()));
        }
        if (request.mediaType() == ApiRequest.MediaType.OTHER) {
            return Optional.of(responses.error(request.language(), 415, "body", Phrase.of("page.api.mediaType")));
        }
        RateLimit limit = core.rateLimit();
        if (!limit.admits(request.sourceIp())) {
            LOG.atInfo().addKeyValue("outcome", "rate-limited").log("request refused");
            long minutes = Math.max(1, limit.window().toMinutes());
            return Optional.of(responses.refuse(request, 429, "request", Phrase.of("page.tooMany.title"),
                    Phrase.of("page.tooMany.message", minutes),
                    Map.of("Retry-After", Long.toString(limit.window().getSeconds()))));
        }
        return Optional.empty();
    }
}
