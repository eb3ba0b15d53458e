/** The programme's participation, check-in and survey figures: counted per round (and country), published with small counts suppressed and no personal data, and sent to coordinators in the round report. */
package org.iln.figures;
