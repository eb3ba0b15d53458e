/** Signed, expiring links (confirm, unsubscribe, erase) that carry no personal data. */
package org.iln.token;
