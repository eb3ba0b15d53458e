package org.iln.token;

import java.time.Duration;

/** What a signed link may do, and how long it works. */
public enum Purpose {
    /** Confirm an address: as long as the unconfirmed application lives. */
    CONFIRM(Duration.ofHours(48)),
    /** Stop programme mail: linked from every programme message, so it lives long. */
    UNSUBSCRIBE(Duration.ofDays(400)),
    /** Erase a person's data: short, because it is powerful. */
    ERASE(Duration.ofHours(24)),
    /**
     * Open one's personal page (see, update, withdraw): in every programme message, so it lasts a
     * round from signup to its end; a fresh one can be asked for by email.
     */
    PAGE(Duration.ofDays(240)),
    /** Confirm an offer to volunteer as a Country Coordinator: as long as the unconfirmed offer lives. */
    VOLUNTEER(Duration.ofHours(48)),
    /**
     * Open a coordinator's private page for one round, in one scope (the programme team, or one
     * country): the stored half's {@code participantId} holds the scope ({@code programme},
     * {@code country:AU}). In every draft mail, so three weeks covers the draft window; a fresh
     * one comes with the next draft.
     */
    COORDINATE(Duration.ofDays(21));

    private final Duration validity;

    Purpose(Duration validity) {
        this.validity = validity;
    }

    /** How long a new link of this purpose works. */
    public Duration validity() {
        return validity;
    }
}
