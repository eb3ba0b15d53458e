package org.iln.cli.dev;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The one clock of {@code ./iln dev}: the API, every job and the mail all read it, so that what a
 * night queues is due for the dispatch that follows it.
 *
 * <p>It runs with the real clock until {@code ./iln run --date D} moves it forward to the night of
 * {@code D} ({@link #NIGHT_STARTS} UTC, before the first scheduled job); from there it keeps
 * running at real speed. It never goes back: a date before the programme's today is refused.
 * Against an emulator the date is kept in the table ({@code DEV#CLOCK}), so a restart keeps it.
 */
public final class ProgrammeClock extends Clock {

    /** When a programme night starts: before the country cap (01:30 UTC), the first scheduled job. */
    public static final LocalTime NIGHT_STARTS = LocalTime.of(1, 0);

    static final String PK = "DEV#CLOCK";

    private final Clock real;
    private final Optional<Kept> kept;
    /** The programme instant at {@code realAtSet}; null while the clock has never been moved. */
    private volatile Moved moved;

    private record Moved(Instant programmeAt, Instant realAt) {
    }

    private record Kept(DynamoDbClient dynamo, String table) {
    }

    private ProgrammeClock(Clock real, Optional<Kept> kept, Moved moved) {
        this.real = Objects.requireNonNull(real, "real");
        this.kept = kept;
        this.moved = moved;
    }

    /** A clock kept in {@code table} (an emulator's), reading where an earlier run left it. */
    public static ProgrammeClock keptIn(DynamoDbClient dynamo, String table, Clock real) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key())).item();
        Moved moved = item == null || item.isEmpty() ? null
                : new Moved(Instant.parse(item.get("programmeAt").s()), Instant.parse(item.get("realAt").s()));
        return new ProgrammeClock(real, Optional.of(new Kept(dynamo, table)), moved);
    }

    /** A clock kept only in memory (real AWS: nothing of the dev server's is written to a real table). */
    public static ProgrammeClock inMemory(Clock real) {
        return new ProgrammeClock(real, Optional.empty(), null);
    }

    @Override
    public Instant instant() {
        Instant now = real.instant();
        Moved at = moved;
        if (at == null) {
            return now;
        }
        Instant programme = at.programmeAt().plus(Duration.between(at.realAt(), now));
        return programme.isAfter(now) ? programme : now;
    }

    /** Whether the clock was ever moved forward ({@link #advanceTo}), by this run or an earlier one on the same emulator. */
    public boolean wasMoved() {
        return moved != null;
    }

    /** The programme's today (UTC). */
    public LocalDate today() {
        return LocalDate.ofInstant(instant(), ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward to the night of {@code date}; nothing when it is already that day.
     *
     * @throws IllegalArgumentException naming the programme's today, when {@code date} is before it
     */
    public synchronized void advanceTo(LocalDate date) {
        LocalDate today = today();
        if (date.isBefore(today)) {
            throw new IllegalArgumentException("--date " + date + " is before the programme's today, " + today
                    + ": the programme clock only moves forward (give " + today + " or later)");
        }
        if (date.equals(today)) {
            return;
        }
        Moved next = new Moved(date.atTime(NIGHT_STARTS).toInstant(ZoneOffset.UTC), real.instant());
        kept.ifPresent(store -> keep(store, next));
        moved = next;
    }

    private static void keep(Kept store, Moved next) {
        Map<String, AttributeValue> item = new HashMap<>(key());
        item.put("itemType", AttributeValue.fromS("DEV_CLOCK"));
        item.put("programmeAt", AttributeValue.fromS(next.programmeAt().toString()));
        item.put("realAt", AttributeValue.fromS(next.realAt().toString()));
        try {
            // Only forward, even against another dev server on the same emulator.
            store.dynamo().putItem(b -> b.tableName(store.table()).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR programmeAt < :at")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(next.programmeAt().toString()))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("another dev server moved the programme clock past "
                    + next.programmeAt() + "; restart ./iln dev to read it");
        }
    }

    private static Map<String, AttributeValue> key() {
        return Map.of("pk", AttributeValue.fromS(PK), "sk", AttributeValue.fromS(PK));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Only UTC is used; a clock in another zone would be a second clock.
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the programme clock is in UTC");
        }
        return this;
    }
}
