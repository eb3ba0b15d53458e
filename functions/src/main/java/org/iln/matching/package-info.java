/** Whole-cohort partner matching: pool and result values, the scorer, and the cardinality-first maximum-weight matcher. */
package org.iln.matching;
