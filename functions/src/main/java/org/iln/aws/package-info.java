/** Building the AWS SDK clients the functions use, and the TLS trust that checks AWS's roots first. */
package org.iln.aws;
