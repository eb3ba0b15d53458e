/**
 * Email: one Freemarker renderer, raw MIME built with Jakarta Mail, each message's record in
 * DynamoDB (its claim, its place in the outbox, fan-out markers) sent once through SESv2 by a
 * rate-limited dispatcher, and the suppressions that bounces, complaints and unsubscribes write.
 */
package org.iln.mail;
