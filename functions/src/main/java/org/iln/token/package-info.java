/** Signed, expiring links (confirm, unsubscribe, erase) that carry no personal data, and their stored halves. */
package org.iln.token;
