package org.iln.signup;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iln.coordination.CoordinatorPage;
import org.iln.mail.Phrase;
import org.iln.matching.Reason;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.round.ByHand;

/**
 * The coordinators' {@code /api/coordinate} paths, for {@link ApiHandler}: the page, approve and
 * hold ({@link #move}), pin and keep apart ({@link #pair}), mark withdrawn ({@link #withdraw}),
 * resend ({@link #resend}) and pair two people left alone ({@link #pairAlone}). Each answers as the participant's
 * paths do: 303 back to the page for a browser, field-named errors, the link-expired page for a
 * bad link.
 */
final class CoordinatorRoutes {

    private final CoordinatorPage page;
    private final Responses responses;

    CoordinatorRoutes(CoordinatorPage page, Responses responses) {
        this.page = page;
        this.responses = responses;
    }

    APIGatewayV2HTTPResponse page(ApiRequest request) {
        String token = request.query("token").orElse("");
        Optional<CoordinatorPage.View> view = page.open(token);
        if (view.isEmpty()) {
            return responses.pageLinkExpired();
        }
        return responses.page(200, "coordinator", CoordinatorPageModel.of(view.get(), token,
                request.query("done").orElse("")));
    }

    /** Approve ({@code version}) or hold ({@code partnership}): one field, named in the error if missing. */
    APIGatewayV2HTTPResponse move(ApiRequest request, SubmittedFields fields, String field) {
        String token = request.query("token").orElse("");
        List<String> values = fields.all(field);
        if (values.size() != 1 || !values.get(0).matches("[0-9a-f]{1,64}")) {
            return invalid(request, token, field, field.equals("version") ? "coordinator.error.version"
                    : "coordinator.error.partnership");
        }
        boolean approving = field.equals("version");
        Optional<CoordinatorPage.Outcome> outcome = approving
                ? page.approve(token, values.get(0))
                : page.hold(token, values.get(0));
        if (outcome.isEmpty()) {
            return responses.pageLinkExpired();
        }
        return switch (outcome.get()) {
            case DONE, ALREADY -> responses.done(request, CoordinatorPageModel.pageUrl(token) + "&done="
                    + (approving ? "approved" : "held"), approving ? "approved" : "held");
            case DRAFT_CHANGED -> refuse(request, token, 409, field, "coordinator.refused.draftChanged");
            case NOT_YOURS -> refuse(request, token, 403, field, "coordinator.refused.approveNotYours");
            case TOO_LATE -> refuse(request, token, 409, field, "coordinator.refused.published");
            case NOT_IN_YOUR_ROWS, CONFLICT, NO_SUCH_PERSON, NOTHING_TO_RESEND ->
                    throw new IllegalStateException("not an outcome of " + field);
        };
    }

    /** Pin or keep apart two people ({@code first}, {@code second}): every bad field named, nothing stored. */
    APIGatewayV2HTTPResponse pair(ApiRequest request, SubmittedFields fields, boolean pin) {
        String token = request.query("token").orElse("");
        List<FieldError> errors = new ArrayList<>();
        for (String field : List.of("first", "second")) {
            List<String> values = fields.all(field);
            if (values.size() != 1 || !values.get(0).strip().matches("[A-Za-z0-9_-]{1,64}")) {
                errors.add(new FieldError(field, "coordinator.error.idFromDraft"));
            }
        }
        if (!errors.isEmpty()) {
            return invalid(request, token, errors);
        }
        String first = fields.all("first").get(0).strip();
        String second = fields.all("second").get(0).strip();
        Optional<CoordinatorPage.Outcome> outcome = page.pair(token, pin, first, second);
        if (outcome.isEmpty()) {
            return responses.pageLinkExpired();
        }
        String done = pin ? "pinned" : "forbidden";
        return switch (outcome.get()) {
            case DONE, ALREADY -> responses.done(request, CoordinatorPageModel.pageUrl(token) + "&done=" + done, done);
            case NOT_IN_YOUR_ROWS -> invalid(request, token, "second", "coordinator.error.notInYourRows");
            case CONFLICT -> invalid(request, token, "second", "coordinator.error.conflict");
            case TOO_LATE -> refuse(request, token, 409, "second", "coordinator.refused.published");
            default -> throw new IllegalStateException("not an outcome of a pin or forbid: " + outcome.get());
        };
    }

    /** Withdraw, resend or pair two left alone, by the request's path. */
    APIGatewayV2HTTPResponse act(ApiRequest request, SubmittedFields fields) {
        return switch (request.path()) {
            case "/api/coordinate/withdraw" -> withdraw(request, fields);
            case "/api/coordinate/resend" -> resend(request, fields);
            default -> pairAlone(request, fields);
        };
    }

    /** Participant ids the coordinator's forms take: what the draft rows and the page show. */
    private static final String PARTICIPANT_ID = "[A-Za-z0-9_-]{1,64}";

    /** Mark someone withdrawn ({@code participant}), through the participant's own withdrawal. */
    APIGatewayV2HTTPResponse withdraw(ApiRequest request, SubmittedFields fields) {
        String token = request.query("token").orElse("");
        Optional<String> id = one(fields, "participant");
        if (id.isEmpty()) {
            return invalid(request, token, "participant", "coordinator.error.id");
        }
        Optional<CoordinatorPage.Outcome> outcome = page.withdraw(token, id.get());
        if (outcome.isEmpty()) {
            return responses.pageLinkExpired();
        }
        return switch (outcome.get()) {
            case DONE -> done(request, token, "withdrawn");
            case ALREADY -> done(request, token, "already");
            case TOO_LATE -> refuse(request, token, 409, "participant", "coordinator.refused.title",
                    "coordinator.refused.roundEnded");
            default -> invalid(request, token, "participant", "coordinator.error.noSuchPerson");
        };
    }

    /** Resend ({@code what}: introduction or confirmation) to {@code participant}, at most once a day. */
    APIGatewayV2HTTPResponse resend(ApiRequest request, SubmittedFields fields) {
        String token = request.query("token").orElse("");
        Optional<String> id = one(fields, "participant");
        List<String> what = fields.all("what");
        Optional<CoordinatorPage.Resend> kind = what.size() != 1 ? Optional.empty() : switch (what.get(0)) {
            case "introduction" -> Optional.of(CoordinatorPage.Resend.INTRODUCTION);
            case "confirmation" -> Optional.of(CoordinatorPage.Resend.CONFIRMATION);
            default -> Optional.empty();
        };
        if (id.isEmpty() || kind.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            id.ifPresentOrElse(ok -> { }, () -> errors.add(new FieldError("participant", "coordinator.error.id")));
            kind.ifPresentOrElse(ok -> { }, () -> errors.add(new FieldError("what", "coordinator.error.what")));
            return invalid(request, token, errors);
        }
        Optional<CoordinatorPage.Outcome> outcome = page.resend(token, id.get(), kind.get());
        if (outcome.isEmpty()) {
            return responses.pageLinkExpired();
        }
        return switch (outcome.get()) {
            case DONE -> done(request, token, "resent");
            case ALREADY -> done(request, token, "already");
            case NOTHING_TO_RESEND -> invalid(request, token, "participant",
                    kind.get() == CoordinatorPage.Resend.INTRODUCTION ? "coordinator.error.nothingToResend.introduction"
                            : "coordinator.error.nothingToResend.confirmation");
            default -> invalid(request, token, "participant", "coordinator.error.noSuchPerson");
        };
    }

    /** Pair two people left alone after publishing ({@code first}, {@code second}): the programme team's. */
    APIGatewayV2HTTPResponse pairAlone(ApiRequest request, SubmittedFields fields) {
        String token = request.query("token").orElse("");
        Optional<String> first = one(fields, "first");
        Optional<String> second = one(fields, "second");
        if (first.isEmpty() || second.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            first.ifPresentOrElse(ok -> { }, () -> errors.add(new FieldError("first", "coordinator.error.id")));
            second.ifPresentOrElse(ok -> { }, () -> errors.add(new FieldError("second", "coordinator.error.id")));
            return invalid(request, token, errors);
        }
        if (first.get().equals(second.get())) {
            return invalid(request, token, "second", "coordinator.error.same");
        }
        Optional<ByHand.Pairing> outcome = page.pairAlone(token, first.get(), second.get());
        if (outcome.isEmpty()) {
            return responses.pageLinkExpired();
        }
        if (outcome.get() instanceof ByHand.Paired paired) {
            return done(request, token, paired.already() ? "already" : "paired");
        }
        ByHand.Refused refused = (ByHand.Refused) outcome.get();
        String field = refused.detail().equals(first.get()) ? "first" : "second";
        return switch (refused.reason()) {
            case "not-yours" -> refuse(request, token, 403, "first", "coordinator.refused.title",
                    "coordinator.refused.notYours");
            case "not-published", "changed" -> refuse(request, token, 409, "first", "coordinator.refused.title",
                    refused.reason().equals("changed") ? "coordinator.refused.changed" : "coordinator.refused.notPublished");
            case "no-such-person" -> invalid(request, token, field, "coordinator.error.noSuchPerson");
            case "not-alone" -> invalid(request, token, field, "coordinator.refused.notAlone", refused.detail());
            case "held-back" -> invalid(request, token, field, "coordinator.refused.heldBack", refused.detail());
            case "unreachable" -> invalid(request, token, field, "coordinator.refused.unreachable", refused.detail());
            default -> invalid(request, token, "second", "coordinator.refused.rule", refused.detail());
        };
    }

    /** The one value of a participant id field, if it holds exactly one well-formed id. */
    private static Optional<String> one(SubmittedFields fields, String field) {
        List<String> values = fields.all(field);
        return values.size() == 1 && values.get(0).strip().matches(PARTICIPANT_ID)
                ? Optional.of(values.get(0).strip()) : Optional.empty();
    }

    /** One field named with a message of the catalogue, or the link-expired page if the link is bad. */
    private APIGatewayV2HTTPResponse invalid(ApiRequest request, String token, String field, String key,
                                             Object... arguments) {
        return invalid(request, token, List.of(new FieldError(field, key)), arguments);
    }

    /**
     * Fields named with messages of the catalogue ({@code errors}' messages are keys, filled with
     * {@code arguments}), worded in the coordinator's language; the link-expired page if the link is bad.
     */
    private APIGatewayV2HTTPResponse invalid(ApiRequest request, String token, List<FieldError> errors,
                                             Object... arguments) {
        Optional<String> language = page.language(token);
        if (language.isEmpty()) {
            return responses.pageLinkExpired();
        }
        CompiledCatalogue words = CompiledCatalogues.bundled().of(language.get());
        // An argument may be the matcher's code of a broken rule: worded too (ids come back as they are).
        Object[] worded = java.util.Arrays.stream(arguments)
                .map(a -> a instanceof String s ? Reason.word(s, Reason.coordinators(words), words) : a).toArray();
        return responses.invalid(request, errors.stream()
                .map(e -> new FieldError(e.field(), words.format(e.message(), worded))).toList(),
                CoordinatorPageModel.pageUrl(token), words.tag());
    }

    /** A refusal titled {@code key.title} saying {@code key.message}, in the coordinator's language. */
    private APIGatewayV2HTTPResponse refuse(ApiRequest request, String token, int status, String field, String key) {
        return refuse(request, token, status, field, key + ".title", key + ".message");
    }

    private APIGatewayV2HTTPResponse refuse(ApiRequest request, String token, int status, String field,
                                            String title, String message) {
        return responses.refuse(request, page.language(token).orElse(""), status, field, Phrase.of(title),
                Phrase.of(message), Map.of());
    }

    private APIGatewayV2HTTPResponse done(ApiRequest request, String token, String status) {
        return responses.done(request, CoordinatorPageModel.pageUrl(token) + "&done=" + status, status);
    }
}
