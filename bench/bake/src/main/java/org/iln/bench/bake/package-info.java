/** Generates synthetic site content and runs stock JBake, for the bake benchmark. */
package org.iln.bench.bake;
