/** Logging set-up: logback configured in code to write one JSON object per line. */
package org.iln.logging;
