package org.iln.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.iln.programme.Programme;
import org.iln.programme.ProgrammeSource;
import org.iln.site.SiteBaker;

/**
 * The round that tests sign up for, and a clock inside its application window, so that they do
 * not depend on the day they run: the round open today, else the next one on its first day.
 */
public record OpenRound(Programme.Round round, Clock clock) {

    /** Bakes {@code siteDir} into {@code bakeDir} and picks the round from the manifest it wrote. */
    public static OpenRound bake(Path siteDir, Path bakeDir) {
        new SiteBaker(siteDir).bake(bakeDir);
        Programme programme = ProgrammeSource.fromFile(bakeDir.resolve("programme.json"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Programme.Round round = programme.roundOpenOn(today).or(() -> programme.nextRoundOpeningAfter(today))
                .orElseThrow(() -> new IllegalStateException(
                        "site/data/rounds.yml has no open or future round to sign up for"));
        LocalDate day = round.isOpenOn(today) ? today : round.opens();
        Instant now = day.atTime(LocalTime.now(ZoneOffset.UTC)).toInstant(ZoneOffset.UTC);
        return new OpenRound(round, Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now)));
    }
}
