/** A round after its applications close: the matching night (draft, publish, re-match), its partnerships and letters, the round's care while it runs (check-ins, nudges to silent partners), and the nightly checks of its invariants. */
package org.iln.round;
