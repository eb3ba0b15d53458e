/** Signed, expiring links (confirm, unsubscribe, erase, personal page) that carry no personal data, and their stored halves. */
package org.iln.token;
