/** The AWS CDK app that stands the programme up in one AWS account. */
package org.iln.infrastructure;
