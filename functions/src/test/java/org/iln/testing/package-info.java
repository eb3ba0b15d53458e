/** Test support: the AWS emulator extension (moto_server, or LocalStack via Testcontainers) and a settable clock. */
package org.iln.testing;
