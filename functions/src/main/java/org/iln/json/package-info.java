/** The project's single JSON configuration: the mapper, and the strict streaming parser for request bodies. */
package org.iln.json;
