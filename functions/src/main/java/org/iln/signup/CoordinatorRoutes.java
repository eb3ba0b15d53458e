package org.iln.signup;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iln.coordination.CoordinatorPage;

/**
 * The coordinators' {@code /api/coordinate} paths, for {@link ApiHandler}: the page, approve and
 * hold ({@link #move}), pin and keep apart ({@link #pair}). Each answers as the participant's
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
            if (page.open(token).isEmpty()) {
                return responses.pageLinkExpired();
            }
            return responses.invalid(request, List.of(new FieldError(field, field.equals("version")
                    ? "must be the draft version shown on the page" : "must be a partnership id from the draft")),
                    CoordinatorPageModel.pageUrl(token));
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
            case DRAFT_CHANGED -> responses.refuse(request, 409, field, "The draft has changed",
                    "The draft changed since this page was shown, so nothing was done. Open your page again to see the"
                            + " current draft.", Map.of());
            case NOT_YOURS -> responses.refuse(request, 403, field, "Not yours to do",
                    "Only the programme team approves a draft; a Country Coordinator acts on their country's"
                            + " people only. Nothing was done.", Map.of());
            case TOO_LATE -> responses.refuse(request, 409, field, "The round is published",
                    "This round's partnerships are published, so the draft can no longer change.", Map.of());
            case NOT_IN_YOUR_ROWS, CONFLICT -> throw new IllegalStateException("not an outcome of " + field);
        };
    }

    /** Pin or keep apart two people ({@code first}, {@code second}): every bad field named, nothing stored. */
    APIGatewayV2HTTPResponse pair(ApiRequest request, SubmittedFields fields, boolean pin) {
        String token = request.query("token").orElse("");
        List<FieldError> errors = new ArrayList<>();
        for (String field : List.of("first", "second")) {
            List<String> values = fields.all(field);
            if (values.size() != 1 || !values.get(0).strip().matches("[A-Za-z0-9_-]{1,64}")) {
                errors.add(new FieldError(field, "must be one participant id from the draft"));
            }
        }
        if (!errors.isEmpty()) {
            if (page.open(token).isEmpty()) {
                return responses.pageLinkExpired();
            }
            return responses.invalid(request, errors, CoordinatorPageModel.pageUrl(token));
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
            case NOT_IN_YOUR_ROWS -> responses.invalid(request, List.of(new FieldError("second",
                    "first and second must be two different people of your rows of the current draft")),
                    CoordinatorPageModel.pageUrl(token));
            case CONFLICT -> responses.invalid(request, List.of(new FieldError("second",
                    "cannot be pinned to first: they work in the same country, one of them is pinned already,"
                            + " or they are kept apart")), CoordinatorPageModel.pageUrl(token));
            case TOO_LATE -> responses.refuse(request, 409, "second", "The round is published",
                    "This round's partnerships are published, so the draft can no longer change.", Map.of());
            default -> throw new IllegalStateException("not an outcome of a pin or forbid: " + outcome.get());
        };
    }
}
