/** The {@code ./iln} command line: parse the arguments, then delegate to the site, functions or dev server. */
package org.iln.cli;
