package org.iln.matching;

import java.util.ArrayList;
import java.util.List;

/** Why a partnership was made, for its members, or why one is missing, for the coordinators: as {@link Reason}s. */
final class Reasons {

    private static final int WAITING_WORTH_MENTIONING = 60;

    private Reasons() {
    }

    /**
     * Why a and b make a good pair, most personal first: each a {@link Reason}'s code, worded when
     * a member or a coordinator reads it.
     */
    static List<String> of(Cohort c, int a, int b) {
        List<String> reasons = new ArrayList<>();
        if (c.sector[a] == c.sector[b]) {
            reasons.add(Reason.of("sameSector", c.sectorNames[c.sector[a]]).code());
        }
        List<String> shared = new ArrayList<>();
        int[] x = c.interests[a];
        int[] y = c.interests[b];
        for (int i = 0, j = 0; i < x.length && j < y.length; ) {
            if (x[i] == y[j]) {
                shared.add(c.interestNames[x[i]]);
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        if (!shared.isEmpty()) {
            reasons.add(Reason.of("sharedInterests", shared.toArray(String[]::new)).code());
        }
        reasons.add(timeApart(c.minutesApart(a, b)).code());
        wishes(c, a, b, reasons);
        wishes(c, b, a, reasons);
        for (int p : new int[] {a, b}) {
            if (c.waitingDays[p] >= WAITING_WORTH_MENTIONING) {
                reasons.add(Reason.of("waited", c.ids[p], Integer.toString(c.waitingDays[p])).code());
            }
        }
        return reasons;
    }

    private static void wishes(Cohort c, int a, int b, List<String> reasons) {
        String who = c.ids[a];
        if (c.wishSector[a] != Cohort.SECTOR_ANY && c.sectorWishMet(a, b)) {
            reasons.add(Reason.of(c.wishSector[a] == Cohort.SECTOR_SAME ? "wish.sameSector" : "wish.differentSector",
                    who).code());
        }
        if (c.wishStage[a] != Cohort.STAGE_ANY && c.stageWishMet(a, b)) {
            reasons.add(Reason.of(switch (c.wishStage[a]) {
                case Cohort.STAGE_SAME -> "wish.sameStage";
                case Cohort.STAGE_EARLIER -> "wish.earlierStage";
                default -> "wish.laterStage";
            }, who).code());
        }
        if (c.wishRegions[a].length > 0 && c.regionWishMet(a, b)) {
            reasons.add(Reason.of("wish.region", who, c.regionNames[c.region[b]]).code());
        }
    }

    static Reason timeApart(int minutes) {
        if (minutes == 0) {
            return Reason.of("sameTimeZone");
        }
        String hours = minutes % 60 == 0 ? Integer.toString(minutes / 60)
                : java.math.BigDecimal.valueOf(minutes / 60.0).stripTrailingZeros().toPlainString();
        return Reason.of("hoursApart", hours);
    }

    /**
     * The hard rule a and b break as a {@link Reason} code ({@code reason.rule.*}), worded in the
     * coordinator's language when a hand pairing is refused; null when they may be partners.
     */
    static String brokenRule(Cohort c, int a, int b) {
        Cohort.Rule rule = c.brokenRule(a, b);
        if (rule == null) {
            return null;
        }
        return (switch (rule) {
            case SAME_COUNTRY -> Reason.of("rule.sameCountry", c.countryNames[c.country[a]]);
            case NO_LANGUAGE -> Reason.of("rule.noLanguage");
            case FIRST_EXCLUDES_COUNTRY -> Reason.of("rule.excluded", c.ids[a], c.countryNames[c.country[b]]);
            case SECOND_EXCLUDES_COUNTRY -> Reason.of("rule.excluded", c.ids[b], c.countryNames[c.country[a]]);
            case FORBIDDEN -> Reason.of("rule.forbidden");
            case BEFORE -> Reason.of("rule.before");
        }).code();
    }

    /**
     * Why nobody could be found for p, for the coordinators: a {@link Reason}'s code
     * ({@code reason.unmatched.*} and its counts), worded in the coordinator's language when read.
     */
    static String unmatched(Cohort c, int p) {
        int sharers = 0;
        int sameCountry = 0;
        int excludedCountry = 0;
        int before = 0;
        int eligible = 0;
        for (int q = 0; q < c.size; q++) {
            if (q == p || !c.sharesLanguage(p, q)) {
                continue;
            }
            sharers++;
            Cohort.Rule rule = c.brokenRule(p, q);
            if (rule == null) {
                eligible++;
            } else if (rule == Cohort.Rule.SAME_COUNTRY) {
                sameCountry++;
            } else if (rule == Cohort.Rule.FIRST_EXCLUDES_COUNTRY || rule == Cohort.Rule.SECOND_EXCLUDES_COUNTRY) {
                excludedCountry++;
            } else {
                // "previous partners or forbidden", as the reason words it
                before++;
            }
        }
        if (sharers == 0) {
            return Reason.of("unmatched.noSharedLanguage").code();
        }
        if (sameCountry == sharers) {
            return Reason.of("unmatched.sameCountry", c.countryNames[c.country[p]]).code();
        }
        if (eligible == 0) {
            return Reason.of("unmatched.noneEligible", Integer.toString(sharers), Integer.toString(sameCountry),
                    Integer.toString(excludedCountry), Integer.toString(before)).code();
        }
        return Reason.of("unmatched.allTaken", Integer.toString(eligible)).code();
    }
}
