/** A round's matching night: draft, publish and re-match. */
package org.iln.round;
