/** The programme's public participation figures: counted per round and country, small counts suppressed, with no personal data. */
package org.iln.figures;
