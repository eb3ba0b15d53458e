/** A coordinator's private page for one round: the draft they may see and the moves on it and on people (approve, hold, pin, forbid, withdraw, resend, pair two left alone), behind a scoped signed link. */
package org.iln.coordination;
