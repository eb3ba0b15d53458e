/** The catalogues as compiled at build time, formatted with the JDK alone: what the Lambda functions read, without ICU4J. */
package org.iln.messages.compiled;
