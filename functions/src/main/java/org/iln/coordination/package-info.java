/** A coordinator's private page for one round: the draft they may see, approving it and holding pairs, behind a scoped signed link. */
package org.iln.coordination;
