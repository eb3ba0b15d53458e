/** The participant lifecycle over HTTP: signup, confirmation, the personal page (update, withdraw, "my partner hasn't replied", "I'm still here", the check-in), unsubscription, erasure, the country cap, and the rate limit on requests. */
package org.iln.signup;
