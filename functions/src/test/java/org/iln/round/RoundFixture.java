package org.iln.round;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iln.store.AddressHasher;
import org.iln.testing.Aws;
import org.iln.testing.SettableClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** A round of stored applications, seeded with BatchWriteItem, and a nightly run over it on a settable clock. */
public final class RoundFixture {

    public static final String ROUND = "2026-1";
    static final Instant BEFORE_MATCH_DATE = Instant.parse("2026-02-16T02:00:00Z");
    public static final Instant MATCH_DATE = Instant.parse("2026-02-23T02:00:00Z");
    static final List<String> COUNTRIES = List.of("AU", "DE", "IN", "KE", "MX", "GB");
    static final List<String> SECTORS = List.of("academic", "public", "school", "special");
    static final List<String> STAGES = List.of("early", "mid", "senior");

    final Aws aws;
    public final SettableClock clock = new SettableClock(BEFORE_MATCH_DATE);
    final AddressHasher hasher;

    public RoundFixture(Aws aws) {
        this.aws = aws;
        this.hasher = new AddressHasher(aws.config().addressKey());
    }

    public NightlyMatchingHandler handler() {
        return new NightlyMatchingHandler(aws.clients(), clock, aws.config());
    }

    /** {@code confirmed} confirmed applicants who can all be matched, plus the given extra ones. */
    public void seed(int confirmed, Map<String, String> extraStatuses) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 1; i <= confirmed; i++) {
            items.add(application(id(i), COUNTRIES.get(i % COUNTRIES.size()), "en", "CONFIRMED"));
        }
        extraStatuses.forEach((id, status) -> items.add(application(id, "FJ", "en", status)));
        write(items);
    }

    /** Someone nobody can be matched with: the only speaker of their language. */
    public void seedLoner(String id) {
        write(List.of(application(id, "JP", "ja", "CONFIRMED")));
    }

    public static String id(int i) {
        return String.format("p-%02d", i);
    }

    public String email(String id) {
        return id + "@example.org";
    }

    String hash(String id) {
        return hasher.address(email(id));
    }

    private void write(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            aws.dynamo().batchWriteItem(b -> b.requestItems(Map.of(Aws.TABLE, batch)));
        }
    }

    private Map<String, AttributeValue> application(String id, String country, String language, String status) {
        int n = id.hashCode() & 0xff;
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("ROUND#" + ROUND));
        item.put("sk", s("APP#" + id));
        item.put("itemType", s("APPLICATION"));
        item.put("addressHash", s(hash(id)));
        item.put("round", s(ROUND));
        item.put("participantId", s(id));
        item.put("status", s(status));
        item.put("createdAt", s("2026-01-20T10:00:00Z"));
        if (!status.equals("UNCONFIRMED")) {
            item.put("confirmedAt", s("2026-01-20T10:05:00Z"));
            item.put("confirmedRound", s(ROUND));
            item.put("confirmedOrder", s("2026-01-20T10:05:00.000000Z#" + id));
        }
        if (status.equals("WAITLISTED")) {
            item.put("waitlistedFor", s("2026-2"));
        }
        item.put("givenName", s("Name" + id.replace("-", "")));
        item.put("familyName", s("Family"));
        item.put("email", s(email(id)));
        item.put("country", s(country));
        item.put("timezone", s("UTC"));
        item.put("languages", l(language));
        item.put("sector", s(SECTORS.get(n % SECTORS.size())));
        item.put("role", s("Librarian"));
        item.put("careerStage", s(STAGES.get(n % STAGES.size())));
        item.put("interests", l("digital", n % 2 == 0 ? "open-access" : "leadership"));
        item.put("preferSector", s(n % 3 == 0 ? "different" : "any"));
        item.put("preferCareerStage", s("any"));
        item.put("preferRegions", l());
        item.put("excludeCountries", l());
        item.put("openToAny", AttributeValue.fromBool(false));
        item.put("maxPartners", AttributeValue.fromN("1"));
        item.put("heardFrom", s("colleague"));
        return item;
    }

    /** Items of one type, read back by a scan (tests only). */
    public List<Map<String, AttributeValue>> items(String type) {
        return aws.items().stream().filter(i -> i.containsKey("itemType") && type.equals(i.get("itemType").s()))
                .toList();
    }

    /** Keys of queued mail whose key starts with {@code prefix}. */
    public List<String> mailKeys(String prefix) {
        return items("MAIL").stream().map(i -> i.get("pk").s().substring("MAIL#".length()))
                .filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    /** Outbox messages not yet sent or given up on (the dispatcher's {@code mail-queue} index). */
    public List<Map<String, AttributeValue>> pendingMail() {
        return aws.dynamo().query(b -> b.tableName(Aws.TABLE).indexName("mail-queue").consistentRead(false)
                .keyConditionExpression("mailQueue = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PENDING")))).items();
    }

    public String status(String id) {
        return aws.dynamo().getItem(b -> b.tableName(Aws.TABLE).consistentRead(true)
                .key(Map.of("pk", s("ROUND#" + ROUND), "sk", s("APP#" + id)))).item().get("status").s();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue l(String... values) {
        return AttributeValue.fromL(java.util.Arrays.stream(values).map(AttributeValue::fromS).toList());
    }
}
