/** Checks of the deployable Lambda jars themselves, each run in a fresh JVM against the emulator. */
package org.iln.packaging;
