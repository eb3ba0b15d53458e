/** The end-of-round survey: its questions, when it is open, and the answers stored per round. */
package org.iln.survey;
