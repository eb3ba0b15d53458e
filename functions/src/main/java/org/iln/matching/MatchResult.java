package org.iln.matching;

import java.util.List;

/**
 * What the matcher decided for a pool: the partnerships (pairs, and groups of three), everyone
 * left unmatched with the reason, and summary figures.
 *
 * @param round the pool's round id
 * @param partnerships sorted by their first member's id
 * @param unmatched sorted by id
 * @param stats summary figures
 */
public record MatchResult(String round, List<Partnership> partnerships, List<Unmatched> unmatched, Stats stats) {

    public MatchResult {
        partnerships = List.copyOf(partnerships);
        unmatched = List.copyOf(unmatched);
    }

    /**
     * Two (or three) people matched for the round.
     *
     * @param members ids, sorted
     * @param score the sum of the pair scores inside the partnership
     * @param reasons why they were paired: {@link Reason} codes, worded for each reader ({@link Reason#word})
     * @param pinned whether a coordinator pinned the pair
     */
    public record Partnership(List<String> members, int score, List<String> reasons, boolean pinned) {
        public Partnership {
            members = List.copyOf(members);
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * Someone the matcher could not place, and why.
     *
     * @param id the participant id
     * @param reason why, as a {@link Reason} code ({@code reason.unmatched.sameCountry|AU}), worded in each
     *               coordinator's language ({@link Reason#word}); a result stored before reasons were data holds an English sentence
     */
    public record Unmatched(String id, String reason) {
    }

    /**
     * Summary figures of a run.
     *
     * @param participants people in the pool
     * @param matched people in a partnership
     * @param unmatched people left out
     * @param pairs partnerships of two
     * @param groupsOfThree partnerships of three
     * @param totalScore the sum of all partnership scores
     * @param candidateEdges edges of the candidate graph the solver saw
     * @param chunks how many parts the pool was solved in (1: one exact solve)
     */
    public record Stats(int participants, int matched, int unmatched, int pairs, int groupsOfThree,
                        long totalScore, long candidateEdges, int chunks) {
    }
}
