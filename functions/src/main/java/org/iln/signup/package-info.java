/** The participant lifecycle over HTTP: signup, confirmation, unsubscription, erasure and the country cap. */
package org.iln.signup;
