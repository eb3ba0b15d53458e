/**
 * The single DynamoDB table: its keys and indexes, the helpers every store reads and writes it
 * with (attribute values, address hashing, paging, retry pauses), and the applications that
 * signup, matching and mail all read.
 */
package org.iln.store;
