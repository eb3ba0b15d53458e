/** The programme's languages and their message catalogues, formatted with ICU's MessageFormat and CLDR data. */
package org.iln.messages;
