/** The project's single JSON configuration. */
package org.iln.json;
