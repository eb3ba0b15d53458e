/** A round after its applications close: the matching night (draft, publish, re-match), its partnerships and letters, and the nightly checks of its invariants. */
package org.iln.round;
