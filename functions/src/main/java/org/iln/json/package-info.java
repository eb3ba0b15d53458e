/** The project's single JSON configuration: the mapper, and the streaming factory for the cold-start path. */
package org.iln.json;
