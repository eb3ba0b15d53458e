/** Abuse of `./iln dev` end to end: generated hostile requests, injection, rate limits and log privacy. */
package org.iln.cli.abuse;
