/** The single DynamoDB table: its keys, indexes and the typed reads and writes on it. */
package org.iln.store;
