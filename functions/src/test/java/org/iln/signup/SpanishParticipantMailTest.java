package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.iln.round.RoundEndHandler;
import org.iln.testing.Applicant;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SentMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two participants who applied through the Spanish form, through the round's nights against the
 * emulator: the check-in, the nudge one sends the other and the end-of-round survey reach them
 * in Spanish, dates written the Spanish way, and the links they carry open Spanish pages.
 */
@ExtendWith(AwsEmulator.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SpanishParticipantMailTest {

    static final Instant MATCH_NIGHT = Instant.parse("2026-02-23T02:00:00Z");
    static final Instant CHECK_IN_NIGHT = Instant.parse("2026-03-09T02:00:00Z");
    static final Instant END_NIGHT = Instant.parse("2026-06-22T02:30:00Z");

    LifecycleFixture participant;

    @BeforeEach
    void lucia_and_mateo_applied_in_spanish_and_were_paired(org.iln.testing.Aws aws) {
        participant = new LifecycleFixture(aws);
        apply("lucia@example.se", "SE");
        apply("mateo@example.gh", "GH");
        participant.clock.set(MATCH_NIGHT);
        night();
        assertThat(mailTo("lucia@example.se", "Conozca a su compañero")).isNotNull();
    }

    @Test
    void the_check_in_the_nudge_and_the_survey_arrive_in_spanish() {
        // when: the check-in night
        participant.clock.set(CHECK_IN_NIGHT);
        night();

        // then
        SentMail checkIn = mailTo("lucia@example.se", "¿Ya se ha reunido con su compañero");
        assertThat(checkIn.html()).contains("<html lang=\"es\" dir=\"ltr\">", "Sí, ya nos hemos reunido",
                "Mi compañero no ha respondido", "&ask=check-in&answer=no-reply");
        assertThat(checkIn.text()).contains("Hola, \u2068Lucía\u2069:", "\u2068Mateo\u2069", "Dejar de recibir el correo")
                .doesNotContain("Hello", "Have you met");
        assertThat(checkIn.link("/api/me")).contains("&lang=es");

        // when: Lucía says Mateo has not replied
        String page = checkIn.token("/api/me");
        APIGatewayV2HTTPResponse answered = participant.post("/api/me/check-in", page, "answer=no-reply");
        participant.dispatch();

        // then: Mateo's nudge is in Spanish, with the day to answer by written in Spanish
        assertThat(answered.getStatusCode()).isEqualTo(303);
        SentMail nudge = mailTo("mateo@example.gh", "¿Sigue ahí?");
        assertThat(nudge.text()).contains("\u2068Lucía\u2069 aún no ha tenido noticias suyas", "Sigo aquí:",
                "&ask=still-here").containsPattern("antes del \\d{1,2} de marzo de 2026")
                .doesNotContain("Hello", "2026-03-");
        assertThat(nudge.html()).contains("<html lang=\"es\" dir=\"ltr\">", ">Sigo aquí</a>");

        // when: the round ends
        participant.clock.set(END_NIGHT);
        new RoundEndHandler(participant.aws.clients(), participant.clock, participant.aws.config())
                .handleRequest(Map.of(), null);
        participant.dispatch();

        // then: the survey mail is in Spanish, and its links open the Spanish pages
        SentMail survey = mailTo("lucia@example.se", "Su ronda ha terminado");
        assertThat(survey.subject()).isEqualTo("Su ronda ha terminado: cuéntenos cómo le ha ido");
        assertThat(survey.text()).contains("terminó el 22 de junio de 2026", "hasta el 20 de julio de 2026",
                "Responder a la breve encuesta:").doesNotContain("Thank you", "survey (five");
        assertThat(survey.link("/api/me/survey")).endsWith("&lang=es");
        assertThat(survey.link("/api/me/next-round")).endsWith("&lang=es");
        // and nothing either of them received was in English
        assertThat(participant.aws.sentMail()).filteredOn(m -> m.to().endsWith("@example.se") || m.to().endsWith("@example.gh"))
                .extracting(SentMail::subject).noneMatch(s -> s.startsWith("Have") || s.startsWith("Are you")
                        || s.startsWith("Your") || s.startsWith("Please") || s.startsWith("Meet"));
    }

    private void apply(String email, String country) {
        String givenName = email.startsWith("lucia") ? "Lucía" : "Mateo";
        APIGatewayV2HTTPResponse response = participant.handler.handleRequest(Events.post("/api/signup",
                "application/json", Applicant.valid(email, participant.clock).set("country", country)
                        .set("givenName", givenName).set("excludeCountries").set("maxPartners", "1")
                        .set("language", "es").json()), null);
        assertThat(response.getStatusCode()).isEqualTo(202);
        SentMail confirm = participant.lastMail();
        assertThat(confirm.subject()).isEqualTo("Confirme su solicitud a la International Librarians Network");
        participant.get("/api/confirm", confirm.token("/api/confirm"));
    }

    private void night() {
        participant.matchingNight();
        participant.roundCare();
        participant.dispatch();
    }

    private SentMail mailTo(String to, String subjectStart) {
        List<SentMail> sent = participant.aws.sentMail();
        return sent.stream().filter(m -> m.to().equals(to) && m.subject().startsWith(subjectStart))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no mail '" + subjectStart + "' to " + to
                        + "; sent: " + sent.stream().map(m -> m.to() + " " + m.subject()).toList()));
    }
}
