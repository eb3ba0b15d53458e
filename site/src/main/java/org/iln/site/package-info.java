/** Bakes the programme website and its manifest from the content and data files under {@code site/}. */
package org.iln.site;
