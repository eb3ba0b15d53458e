/** Email: one Freemarker renderer, raw MIME built with Jakarta Mail, sent once through SESv2. */
package org.iln.mail;
