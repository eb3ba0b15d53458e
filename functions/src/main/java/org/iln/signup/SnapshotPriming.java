package org.iln.signup;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Resource;
import org.iln.programme.Programme;
import org.iln.signup.SubmittedFields.MalformedBodyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before SnapStart takes a function's snapshot, runs the request path that needs no AWS call, so
 * that a restored instance finds its classes loaded and its templates parsed: it reads the
 * programme manifest, validates a made-up form against it and renders the page that lists the
 * form's errors, writes a JSON answer, and reads every language's catalogue. Nothing is stored or sent, and no one's data is used.
 *
 * <p>Priming is an optimisation: if it fails, the failure is logged (by exception class) and the
 * snapshot is taken anyway; the first request then does the work itself.
 */
final class SnapshotPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPriming.class);

    /** A made-up signup, as the site's form posts it. */
    private static final byte[] SAMPLE_FORM = ("givenName=Sample&familyName=Applicant"
            + "&email=sample%40example.invalid&country=NZ&timezone=Pacific%2FAuckland&languages=en&languages=mi"
            + "&sector=public&role=Librarian&careerStage=early&interests=outreach&preferSector=any"
            + "&preferCareerStage=any&preferRegions=Europe&openToAny=true&maxPartners=1&consentPrivacy=true"
            + "&consentShare=true&heardFrom=colleague&website=").getBytes(StandardCharsets.UTF_8);

    private final Supplier<Programme> programme;
    private final Responses responses;

    SnapshotPriming(Supplier<Programme> programme, Responses responses) {
        this.programme = Objects.requireNonNull(programme, "programme");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime();
            LOG.atInfo().log("snapshot primed");
        } catch (RuntimeException | MalformedBodyException e) {
            LOG.atWarn().addKeyValue("error", e.getClass().getName())
                    .log("snapshot priming failed; the first request does the work itself");
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to undo: priming holds no connection and no state of its own.
    }

    /** Validates the sample form and renders both kinds of answer, throwing the results away. */
    void prime() throws MalformedBodyException {
        ApiRequest form = new ApiRequest("POST", "/api/signup", ApiRequest.MediaType.FORM, SAMPLE_FORM, Map.of(),
                "snapshot-priming");
        SignupValidator.Result result = new SignupValidator().validate(form.fields(), programme.get());
        responses.invalid(form, result.errors());
        ApiRequest script = new ApiRequest("POST", "/api/signup", ApiRequest.MediaType.JSON, new byte[0], Map.of(),
                "snapshot-priming");
        responses.invalid(script, result.errors());
        responses.checkYourEmail(script);
        // every language's words, read and parsed once, so a Spanish or Arabic answer is as quick
        org.iln.messages.compiled.CompiledCatalogues.bundled().loadAll();
    }
}
