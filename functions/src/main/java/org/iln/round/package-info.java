/** A round after its applications close: the matching night (draft, publish, re-match), its partnerships and letters, the round's care while it runs (check-ins, nudges to silent partners), the nightly checks of its invariants, and its end (survey mail, ROUND_ENDED). */
package org.iln.round;
