/** The participant lifecycle over HTTP: signup, confirmation, the personal page (update, withdraw), unsubscription, erasure, the country cap, and the rate limit on requests. */
package org.iln.signup;
