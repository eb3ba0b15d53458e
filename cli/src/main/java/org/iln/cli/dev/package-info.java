/** The local runner: the whole programme on one machine, for development and demos. */
package org.iln.cli.dev;
