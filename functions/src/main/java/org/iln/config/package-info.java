/** The functions' configuration, read once from the environment into one record, with its secrets from Secrets Manager. */
package org.iln.config;
