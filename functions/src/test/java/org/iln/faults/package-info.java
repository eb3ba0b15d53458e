/** Injected faults (throttling, server errors, a killed process) against the real emulator, and the proof that they lose and repeat nothing. */
package org.iln.faults;
