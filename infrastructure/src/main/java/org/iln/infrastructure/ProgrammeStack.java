package org.iln.infrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iln.serving.ResponseHeaders;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ErrorResponse;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestCookieBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.logs.MetricFilterOptions;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.scheduler.CronOptionsWithTimezone;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.ses.ConfigurationSet;
import software.amazon.awscdk.services.ses.ConfigurationSetEventDestinationOptions;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.EmailSendingEvent;
import software.amazon.awscdk.services.ses.EventDestination;
import software.amazon.awscdk.services.ses.Identity;
import software.amazon.awscdk.services.ses.SuppressionReasons;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.LambdaSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The programme in one stack: the site (bucket, CloudFront, headers), the table, the HTTP API,
 * the functions of {@link FunctionCatalogue} with their schedules, SES, the HMAC secret and the
 * alarms.
 *
 * <p>Personal data lives only in the table; the bucket holds the public site and the programme
 * manifest. The table, the bucket and the HMAC key (the keys of stored records are keyed hashes
 * made with it) are retained when the stack is deleted, so a mistaken {@code cdk destroy} loses
 * nothing. Each function's role holds only the statements its {@link FunctionSpec} asks for.
 *
 * <p>Every function reads its configuration with {@code org.iln.config.FunctionsConfig}: the
 * environment built here uses its variable names, and FunctionArtifactsTest feeds each
 * synthesised environment to that parser, so the two cannot drift apart.
 */
public final class ProgrammeStack extends Stack {

    /**
     * The manifest's key in the site bucket; the deploy workflow uploads it after every page, and
     * the functions read it from the site's public address (CloudFront serves it like any page).
     */
    public static final String MANIFEST_KEY = "programme.json";
    /** The variable the JVM reads its extra options from (see {@link FunctionSpec#javaToolOptions()}). */
    public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    /** The header CloudFront adds to API requests ({@code FunctionsConfig.ORIGIN_VERIFY_HEADER}). */
    public static final String ORIGIN_VERIFY_HEADER = "X-Origin-Verify";

    /** The viewer headers CloudFront forwards to the API: what ApiHandler reads, and the visitor's address. */
    public static final List<String> API_HEADERS = List.of("Content-Type", "Accept", "Accept-Language",
            "CloudFront-Viewer-Address");

    /** The name of the alias every trigger invokes: SnapStart snapshots only published versions. */
    public static final String LIVE_ALIAS = "live";

    /** SES puts an account under review at 5 % bounces and 0.1 % complaints; alarm before that. */
    /** The function that logs org.iln.round.RoundInvariants' checks, the phrase of a failed one, its metric's namespace. */
    static final String INVARIANT_CHECKS = "nightly-matching";
    static final String INVARIANT_BROKEN = "invariant broken";
    static final String METRIC_NAMESPACE = "ILN";
    static final double BOUNCE_RATE_ALARM = 0.04;
    static final double COMPLAINT_RATE_ALARM = 0.0008;

    private final Table table;
    private final Bucket siteBucket;
    private final Distribution distribution;
    private final Map<String, Alias> aliases = new LinkedHashMap<>();

    /**
     * Builds the stack.
     *
     * @param webAclArn the ARN of the CLOUDFRONT-scope web ACL (from {@link EdgeStack})
     * @param functionsDirectory the directory holding the functions' jars ({@link FunctionArtifact}); they must exist
     */
    public ProgrammeStack(Construct scope, String id, StackProps props, StackSettings settings,
            String webAclArn, Path functionsDirectory) {
        super(scope, id, props);
        Map<FunctionArtifact, Code> code = new EnumMap<>(FunctionArtifact.class);
        for (FunctionSpec spec : FunctionCatalogue.functions()) {
            code.computeIfAbsent(spec.artifact(), artifact -> code(functionsDirectory.resolve(artifact.fileName())));
        }

        table = table();
        siteBucket = Bucket.Builder.create(this, "SiteBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // Stored records are keyed by a hash made with the address key: it must never change.
        Secret addressKey = secret("AddressKey", "Keys stored records by an HMAC of the email address: never rotate it");
        Secret tokenKey = secret("TokenKey", "Signs participants' links (rotating it expires every link sent so far)");
        Secret originVerify = secret("OriginVerify", "CloudFront sends it to the API in the "
                + ORIGIN_VERIFY_HEADER + " header; the API refuses requests without it");

        Topic sesEvents = Topic.Builder.create(this, "SesEvents").enforceSsl(true).build();
        ConfigurationSet configurationSet = ConfigurationSet.Builder.create(this, "MailConfiguration")
                .reputationMetrics(true)
                .suppressionReasons(SuppressionReasons.BOUNCES_AND_COMPLAINTS)
                .build();
        configurationSet.addEventDestination("BouncesAndComplaints", ConfigurationSetEventDestinationOptions.builder()
                .destination(EventDestination.snsTopic(sesEvents))
                .events(List.of(EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT))
                .build());
        EmailIdentity identity = EmailIdentity.Builder.create(this, "MailIdentity")
                .identity(Identity.domain(settings.domain()))
                .configurationSet(configurationSet)
                .build();
        List<String> mailArns = List.of(
                arn("ses", "identity", settings.domain()),
                arn("ses", "configuration-set", configurationSet.getConfigurationSetName()));

        Queue deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();

        HttpApi api = HttpApi.Builder.create(this, "HttpApi")
                .apiName(settings.stackName() + "-api")
                .description("The programme's /api/* routes, reached through CloudFront")
                .createDefaultStage(false)
                .build();
        HttpStage.Builder.create(this, "ApiDefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(settings.apiRateLimit())
                        .burstLimit(settings.apiBurstLimit())
                        .build())
                .build();

        distribution = distribution(api, webAclArn, originVerify);
        String siteUrl = settings.siteUrl().orElse("https://" + distribution.getDistributionDomainName());

        Topic alarms = Topic.Builder.create(this, "Alarms").enforceSsl(true).build();
        settings.alarmEmail().ifPresent(email -> alarms.addSubscription(new EmailSubscription(email)));
        SnsAction alarmAction = new SnsAction(alarms);

        for (FunctionSpec spec : FunctionCatalogue.functions()) {
            boolean overHttp = spec.trigger() instanceof Trigger.HttpRoutes;
            List<Secret> secrets = overHttp ? List.of(addressKey, tokenKey, originVerify) : List.of(addressKey, tokenKey);
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("ILN_TABLE_NAME", table.getTableName());
            environment.put("ILN_SITE_URL", siteUrl);
            environment.put("ILN_PROGRAMME", siteUrl + "/" + MANIFEST_KEY);
            environment.put("ILN_MAIL_FROM", settings.sender());
            environment.put("ILN_SEND_RATE", Integer.toString(settings.sendRate()));
            environment.put("ILN_CONFIGURATION_SET", configurationSet.getConfigurationSetName());
            environment.put("ILN_ADDRESS_KEY_SECRET_ARN", addressKey.getSecretArn());
            environment.put("ILN_TOKEN_KEY_SECRET_ARN", tokenKey.getSecretArn());
            // Off unless the deployment sets it (context autoPublishDays): nothing is published unapproved.
            settings.autoPublishDays().ifPresent(days -> environment.put("ILN_AUTO_PUBLISH_DAYS", Integer.toString(days)));
            if (overHttp) {
                environment.put("ILN_ORIGIN_VERIFY_SECRET_ARN", originVerify.getSecretArn());
            }
            if (!spec.javaToolOptions().isEmpty()) {
                environment.put(JAVA_TOOL_OPTIONS, spec.javaToolOptions());
            }
            Function function = function(spec, settings, code.get(spec.artifact()), environment);
            List<PolicyStatement> statements = new ArrayList<>();
            statements.add(allow(spec.tableActions(), List.of(table.getTableArn())));
            if (spec.queries()) {
                statements.add(allow(List.of("dynamodb:Query"), TableDesign.PROGRAMME.indexes().stream()
                        .map(index -> table.getTableArn() + "/index/" + index.name())
                        .toList()));
            }
            // Read once at start-up (FunctionsConfig): only the secrets this function's environment names.
            statements.add(allow(List.of("secretsmanager:GetSecretValue"),
                    secrets.stream().map(Secret::getSecretArn).toList()));
            if (spec.sendsMail()) {
                statements.add(allow(List.of("ses:SendEmail", "ses:SendRawEmail"), mailArns));
            }
            statements.forEach(function::addToRolePolicy);

            // CDK warns that SnapStart needs a published version: currentVersion is that version.
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "every trigger invokes the live alias of the published currentVersion");
            Alias alias = Alias.Builder.create(this, id(spec) + "Live")
                    .aliasName(LIVE_ALIAS)
                    .version(function.getCurrentVersion())
                    .build();
            aliases.put(spec.name(), alias);
            trigger(spec, alias, api, sesEvents, deadLetters);

            if (spec.name().equals(INVARIANT_CHECKS)) {
                invariantAlarm(function, alarmAction);
            }
            alarm(id(spec) + "Errors", function.metricErrors(everyFiveMinutes("Sum")), 1,
                    spec.name() + " failed at least once in five minutes: read its log group", alarmAction);
            alarm(id(spec) + "Throttles", function.metricThrottles(everyFiveMinutes("Sum")), 1,
                    spec.name() + " was throttled: the account's concurrency is exhausted", alarmAction);
        }

        alarm("DeadLettersWaiting", deadLetters.metricApproximateNumberOfMessagesVisible(everyFiveMinutes("Maximum")), 1,
                "an invocation failed after its retries and waits in the dead-letter queue", alarmAction);
        alarm("SesBounceRate", sesReputation("Reputation.BounceRate"), BOUNCE_RATE_ALARM,
                "SES bounce rate is near the 5% review threshold: check the addresses being mailed", alarmAction);
        alarm("SesComplaintRate", sesReputation("Reputation.ComplaintRate"), COMPLAINT_RATE_ALARM,
                "SES complaint rate is near the 0.1% review threshold: check what is being sent", alarmAction);

        output("SiteBucketName", siteBucket.getBucketName(), "the bucket the deploy workflow syncs the baked site to");
        output("DistributionId", distribution.getDistributionId(), "the CloudFront distribution to invalidate after a sync");
        output("SiteUrl", siteUrl, "the public address of the site");
        output("ApiEndpoint", api.getApiEndpoint(), "the HTTP API's own endpoint (use the site's /api/* instead)");
        output("TableName", table.getTableName(), "the programme's DynamoDB table");
        output("AlarmTopicArn", alarms.getTopicArn(), "subscribe more people to the alarms here");
        output("DkimRecord1", identity.getDkimDnsTokenName1() + " CNAME " + identity.getDkimDnsTokenValue1(),
                "publish these three CNAME records in the mail domain's DNS to verify it for SES");
        output("DkimRecord2", identity.getDkimDnsTokenName2() + " CNAME " + identity.getDkimDnsTokenValue2(), null);
        output("DkimRecord3", identity.getDkimDnsTokenName3() + " CNAME " + identity.getDkimDnsTokenValue3(), null);
    }

    Table programmeTable() {
        return table;
    }

    Bucket siteBucket() {
        return siteBucket;
    }

    Distribution distribution() {
        return distribution;
    }

    /** The alias of each function in the catalogue, by the spec's name. */
    Map<String, Alias> aliases() {
        return Map.copyOf(aliases);
    }

    private Table table() {
        TableDesign design = TableDesign.PROGRAMME;
        Table programme = Table.Builder.create(this, "Table")
                .partitionKey(stringKey(design.partitionKey()))
                .sortKey(stringKey(design.sortKey()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .timeToLiveAttribute(design.timeToLive())
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (TableDesign.Index index : design.indexes()) {
            GlobalSecondaryIndexProps.Builder props = GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(stringKey(index.partitionKey()))
                    .projectionType(ProjectionType.valueOf(index.projection().name()));
            index.sortKey().ifPresent(sortKey -> props.sortKey(stringKey(sortKey)));
            if (!index.nonKeyAttributes().isEmpty()) {
                props.nonKeyAttributes(index.nonKeyAttributes());
            }
            programme.addGlobalSecondaryIndex(props.build());
        }
        return programme;
    }

    private Code code(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("the functions jar " + jar + " does not exist: build it with "
                    + "'./mvnw -B -pl functions -am package -DskipTests' from the repository root, "
                    + "or pass '-c functionsDirectory=DIR' (the directory holding " + jar.getFileName() + ")");
        }
        return Code.fromAsset(jar.toString());
    }

    private Secret secret(String id, String description) {
        return Secret.Builder.create(this, id)
                .description(description)
                // 64 letters and digits: valid base64 of 48 random bytes, as FunctionsConfig reads keys.
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(64)
                        .excludePunctuation(true)
                        .includeSpace(false)
                        .build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private Distribution distribution(HttpApi api, String webAclArn, Secret originVerify) {
        // The same headers as ./iln dev sends, from one definition (org.iln.serving.ResponseHeaders).
        ResponseHeadersPolicy headers = SecurityHeaders.policy(this, "SecurityHeaders", ResponseHeaders.production());

        String apiDomain = api.getApiId() + ".execute-api." + getRegion() + "." + getUrlSuffix();
        // Only what the API reads, and never Host (API Gateway routes by its own host name):
        // CloudFront-Viewer-Address is the visitor's address, which the per-client rate limit keys on.
        OriginRequestPolicy toApiRequests = OriginRequestPolicy.Builder.create(this, "ApiOriginRequests")
                .comment("The API's query strings and the headers it reads, with the viewer's address")
                .headerBehavior(OriginRequestHeaderBehavior.allowList(API_HEADERS.toArray(String[]::new)))
                .queryStringBehavior(OriginRequestQueryStringBehavior.all())
                .cookieBehavior(OriginRequestCookieBehavior.none())
                .build();
        BehaviorOptions toApi = BehaviorOptions.builder()
                .origin(HttpOrigin.Builder.create(apiDomain)
                        .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                        // The API refuses requests without it, so nobody can go around CloudFront and WAF.
                        .customHeaders(Map.of(ORIGIN_VERIFY_HEADER, originVerify.getSecretValue().unsafeUnwrap()))
                        .build())
                .allowedMethods(AllowedMethods.ALLOW_ALL)
                .cachePolicy(CachePolicy.CACHING_DISABLED)
                .originRequestPolicy(toApiRequests)
                // A redirect would turn a form POST into a GET, so plain HTTP is refused instead.
                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                .responseHeadersPolicy(headers)
                .build();

        // S3 behind origin access control answers 403, not 404, for a key that does not exist.
        List<ErrorResponse> notFound = List.of(403, 404).stream()
                .map(status -> ErrorResponse.builder()
                        .httpStatus(status)
                        .responseHttpStatus(404)
                        .responsePagePath("/404.html")
                        .ttl(Duration.minutes(1))
                        .build())
                .toList();

        return Distribution.Builder.create(this, "Distribution")
                .comment("International Librarians Network site and /api/*")
                .defaultRootObject("index.html")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(siteBucket))
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .responseHeadersPolicy(headers)
                        .compress(true)
                        .build())
                .additionalBehaviors(Map.of(EdgeStack.API_PATH_PREFIX + "*", toApi))
                .errorResponses(notFound)
                .httpVersion(HttpVersion.HTTP2_AND_3)
                // Participants are everywhere: serve from every edge location.
                .priceClass(PriceClass.PRICE_CLASS_ALL)
                .webAclId(webAclArn)
                .build();
    }

    private Function function(FunctionSpec spec, StackSettings settings, Code code, Map<String, String> environment) {
        String name = settings.stackName() + "-" + spec.name();
        LogGroup logs = LogGroup.Builder.create(this, id(spec) + "Logs")
                .logGroupName("/aws/lambda/" + name)
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // An explicit role: the default one carries AWSLambdaBasicExecutionRole, whose log actions are on "*".
        Role role = Role.Builder.create(this, id(spec) + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs " + name + " with only the access its FunctionSpec lists")
                .build();
        role.addToPolicy(allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), List.of(logs.getLogGroupArn())));
        return Function.Builder.create(this, id(spec) + "Function")
                .functionName(name)
                .description(spec.handler())
                // Our bytecode is Java 17; the Java 21 runtime runs it and supports SnapStart on arm64.
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler())
                .code(code)
                .memorySize(spec.memoryMb())
                .timeout(Duration.seconds(spec.timeout().toSeconds()))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .environment(environment)
                .reservedConcurrentExecutions(spec.reservedConcurrency() > 0 ? spec.reservedConcurrency() : null)
                .build();
    }

    private void trigger(FunctionSpec spec, Alias alias, HttpApi api, Topic sesEvents, Queue deadLetters) {
        // Java 17: no pattern matching in switch yet, so an instanceof chain over the sealed type.
        Trigger trigger = spec.trigger();
        if (trigger instanceof Trigger.HttpRoutes http) {
            HttpLambdaIntegration integration = new HttpLambdaIntegration(id(spec) + "Integration", alias);
            for (String route : http.routes()) {
                String[] methodAndPath = route.split(" ", 2);
                api.addRoutes(AddRoutesOptions.builder()
                        .methods(List.of(HttpMethod.valueOf(methodAndPath[0])))
                        .path(methodAndPath[1])
                        .integration(integration)
                        .build());
            }
        } else if (trigger instanceof Trigger.Daily daily) {
            schedule(spec, alias, deadLetters, ScheduleExpression.cron(CronOptionsWithTimezone.builder()
                    .minute(Integer.toString(daily.minute()))
                    .hour(Integer.toString(daily.hour()))
                    .timeZone(TimeZone.ETC_UTC)
                    .build()));
        } else if (trigger instanceof Trigger.Every every) {
            schedule(spec, alias, deadLetters, ScheduleExpression.rate(Duration.minutes(every.every().toMinutes())));
        } else if (trigger instanceof Trigger.SesEvents) {
            sesEvents.addSubscription(new LambdaSubscription(alias));
            failedEventsTo(alias, deadLetters, 2);
        } else {
            throw new IllegalStateException("no resources for trigger " + trigger);
        }
    }

    private void schedule(FunctionSpec spec, Alias alias, Queue deadLetters, ScheduleExpression expression) {
        Schedule.Builder.create(this, id(spec) + "Schedule")
                .description("Invokes " + spec.name() + " (times in UTC)")
                .schedule(expression)
                .target(LambdaInvoke.Builder.create(alias)
                        .deadLetterQueue(deadLetters)
                        .retryAttempts(2)
                        .maxEventAge(Duration.hours(1))
                        .build())
                .build();
        // The next run comes soon and every step is safe to repeat, so one retry is enough.
        failedEventsTo(alias, deadLetters, 1);
    }

    private static void failedEventsTo(Alias alias, Queue deadLetters, int retries) {
        alias.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(retries)
                .maxEventAge(Duration.hours(6))
                .onFailure(new SqsDestination(deadLetters))
                .build());
    }

    /** Alarms on the first "invariant broken" log line; a metric filter needs no new permission. */
    private void invariantAlarm(Function function, SnsAction action) {
        MetricFilter broken = function.getLogGroup().addMetricFilter("InvariantBrokenFilter", MetricFilterOptions.builder()
                .filterPattern(FilterPattern.allTerms(INVARIANT_BROKEN)).metricNamespace(METRIC_NAMESPACE)
                .metricName("InvariantBroken").metricValue("1").defaultValue(0).build());
        alarm("InvariantBroken", broken.metric(everyFiveMinutes("Sum")), 1,
                "the nightly job found a broken promise (two active partnerships, stuck mail, or someone placed "
                        + "without a letter): read the " + INVARIANT_CHECKS + " log for the counts", action);
    }

    private void alarm(String id, IMetric metric, double threshold, String description, SnsAction action) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        alarm.addAlarmAction(action);
    }

    private static Metric sesReputation(String name) {
        // Account-wide reputation, as SES itself judges it.
        return Metric.Builder.create()
                .namespace("AWS/SES")
                .metricName(name)
                .statistic("Maximum")
                .period(Duration.minutes(15))
                .build();
    }

    private static MetricOptions everyFiveMinutes(String statistic) {
        return MetricOptions.builder().period(Duration.minutes(5)).statistic(statistic).build();
    }

    private String arn(String service, String resource, String resourceName) {
        return formatArn(ArnComponents.builder()
                .service(service)
                .resource(resource)
                .resourceName(resourceName)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(resources)
                .build();
    }

    private static Attribute stringKey(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    private static String id(FunctionSpec spec) {
        StringBuilder id = new StringBuilder();
        for (String part : spec.name().split("-")) {
            id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return id.toString();
    }
}
