package org.iln.signup;

import java.util.HashMap;
import java.util.Map;
import org.iln.coordination.CoordinatorPage;
import org.iln.mail.Wording;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;

/** What the coordinator page's template is given: the draft's rows the coordinator may see, its state and the forms. */
final class CoordinatorPageModel {

    private CoordinatorPageModel() {
    }

    /** The page's address for a token (base64url and dots: nothing to encode). */
    static String pageUrl(String token) {
        return "/api/coordinate?token=" + token;
    }

    static Map<String, Object> of(CoordinatorPage.View view, String token, String done) {
        CoordinatorPage.Coordinator c = view.coordinator();
        Map<String, Object> model = new HashMap<>();
        String title = c.round().title() == null || c.round().title().isBlank() ? c.round().id() : c.round().title();
        model.put("roundTitle", title);
        model.put("matchDate", c.round().matchDate() == null ? "" : c.round().matchDate().toString());
        model.put("coordinatorName", c.name());
        // In the language the roster names for the coordinator (English if none).
        CompiledCatalogue words = CompiledCatalogues.bundled().of(c.language());
        model.put(Wording.LANGUAGE, words.tag());
        model.put("scopeCountry", c.scope().country().orElse(""));
        model.put("draftVersion", view.draftVersion());
        model.put("approved", view.approved());
        model.put("published", view.published());
        model.put("canApprove", c.scope().isProgramme());
        model.put("canHold", !view.published());
        model.put("rows", view.rows().toModel(words));
        model.put("actions", view.actions().stream().map(a -> a.line(words)).toList());
        model.put("approveAction", "/api/coordinate/approve?token=" + token);
        model.put("holdAction", "/api/coordinate/hold?token=" + token);
        model.put("pinAction", "/api/coordinate/pin?token=" + token);
        model.put("forbidAction", "/api/coordinate/forbid?token=" + token);
        model.put("withdrawAction", "/api/coordinate/withdraw?token=" + token);
        model.put("resendAction", "/api/coordinate/resend?token=" + token);
        model.put("pairAloneAction", "/api/coordinate/pair?token=" + token);
        model.put("canPairAlone", c.scope().isProgramme() && view.published());
        model.put("alone", view.alone().stream().map(p -> Map.of("id", p.id(), "name", p.name(),
                "country", p.country())).toList());
        // What a move did, as the page words it (page.coordinator.done.<done>).
        model.put("done", switch (done) {
            case "approved", "held", "pinned", "forbidden", "withdrawn", "resent", "already", "paired" -> done;
            default -> "";
        });
        return model;
    }
}
