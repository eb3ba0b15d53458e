/** The programme manifest the bake publishes: rounds, countries and the signup form's choices. */
package org.iln.programme;
