/** How the site is served: the response headers and each file's Cache-Control, one definition for the stack, ./iln dev and the deploy. */
package org.iln.serving;
