package org.iln.survey;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One participant's answer to their round's survey, as validated and stored.
 *
 * @param met how often they met their partner
 * @param usefulness how useful the round was, 1 (not at all) to 5 (very)
 * @param recommend whether they would recommend the programme
 * @param improve what to improve, free text of at most {@link #IMPROVE_MAX} characters (may be empty)
 * @param mayQuote whether the programme may quote them anonymously
 */
public record SurveyAnswer(Met met, int usefulness, Recommend recommend, String improve, boolean mayQuote) {

    /** The longest "what to improve" answer, in characters. */
    public static final int IMPROVE_MAX = 2000;

    public SurveyAnswer {
        Objects.requireNonNull(met, "met");
        Objects.requireNonNull(recommend, "recommend");
        Objects.requireNonNull(improve, "improve");
        if (usefulness < 1 || usefulness > 5) {
            throw new IllegalArgumentException("usefulness must be 1..5, was " + usefulness);
        }
        if (improve.length() > IMPROVE_MAX) {
            throw new IllegalArgumentException("improve must be at most " + IMPROVE_MAX + " characters");
        }
    }

    /** How often the partners met: the form's choices, each with its stored id (worded by the catalogue). */
    public enum Met {
        NEVER("never"),
        ONCE("once"),
        A_FEW_TIMES("a-few-times"),
        MONTHLY("monthly");

        private final String id;

        Met(String id) {
            this.id = id;
        }

        /** The stored and posted id; the label a person reads is the catalogue's {@code page.survey.met.<id>}. */
        public String id() {
            return id;
        }

        /** The choice with this form id, if there is one. */
        public static Optional<Met> of(String id) {
            return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
        }
    }

    /** Whether they would recommend the programme to a colleague. */
    public enum Recommend {
        YES("yes"),
        NOT_SURE("not-sure"),
        NO("no");

        private final String id;

        Recommend(String id) {
            this.id = id;
        }

        /** The stored and posted id; the label a person reads is the catalogue's {@code page.survey.recommend.<id>}. */
        public String id() {
            return id;
        }

        /** The choice with this form id, if there is one. */
        public static Optional<Recommend> of(String id) {
            return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
        }
    }

    /** An answer as stored: whose it is and when it was first given and last changed. */
    public record Stored(String round, String participantId, SurveyAnswer answer, Instant answeredAt,
                         Instant updatedAt) {

        public Stored {
            Objects.requireNonNull(round, "round");
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(answeredAt, "answeredAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    @Override
    public String toString() {
        // The free text may name people: keep it out of logs and exceptions.
        return "SurveyAnswer[met=" + met + ", usefulness=" + usefulness + ", recommend=" + recommend + "]";
    }
}
