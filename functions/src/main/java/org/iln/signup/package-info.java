/** The participant lifecycle over HTTP: signup, confirmation, unsubscription, erasure, the country cap, and the rate limit on requests. */
package org.iln.signup;
