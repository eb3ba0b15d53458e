/** The local AWS emulator (moto_server) as a child process, shared by the tests and {@code ./iln dev}. */
package org.iln.localaws;
