/** The functions' configuration, read once from the environment into one record. */
package org.iln.config;
