/**
 * Email: one Freemarker renderer, raw MIME built with Jakarta Mail, an outbox in DynamoDB sent
 * once through SESv2 by a rate-limited dispatcher, and bounce/complaint suppression.
 */
package org.iln.mail;
