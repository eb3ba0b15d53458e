package org.iln.infrastructure;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The whole programme in one stack: the site bucket and the table that holds applications,
 * partnerships and the mail outbox.
 *
 * <p>Personal data lives only in the table; the bucket holds the public site and the programme
 * manifest. Both are retained when the stack is deleted, so a mistaken `cdk destroy` loses nothing.
 */
public final class ProgrammeStack extends Stack {

    /** The attribute DynamoDB's TTL reads: unconfirmed applications and expired tokens go by it. */
    static final String TTL_ATTRIBUTE = "expiresAt";

    private final Table table;
    private final Bucket siteBucket;

    public ProgrammeStack(Construct scope, String id, StackProps props, StackSettings settings) {
        super(scope, id, props);

        table = Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        siteBucket = Bucket.Builder.create(this, "SiteBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    Table table() {
        return table;
    }

    Bucket siteBucket() {
        return siteBucket;
    }
}
