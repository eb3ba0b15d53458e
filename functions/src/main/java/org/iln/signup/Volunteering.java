package org.iln.signup;

import static org.iln.store.Attributes.key;
import static org.iln.store.Attributes.list;
import static org.iln.store.Attributes.n;
import static org.iln.store.Attributes.s;
import static org.iln.store.Attributes.strings;
import static org.iln.store.Attributes.text;
import static org.iln.store.IlnTable.ADDRESS_HASH;
import static org.iln.store.IlnTable.EXPIRES_AT;
import static org.iln.store.IlnTable.ITEM_TYPE;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.iln.mail.Envelope;
import org.iln.mail.MailStore;
import org.iln.mail.Mailer;
import org.iln.mail.Wording;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.store.AddressHasher;
import org.iln.store.Paging;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.iln.token.StoredToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Offers to volunteer as a Country Coordinator, confirmed by email (double opt-in): the form's
 * offer is stored unconfirmed under {@code VOLUNTEER#<addressHash>}/{@code OFFER} with a
 * confirmation link mailed to the address; following the link confirms it, lists it under
 * {@code VOLUNTEERS}/{@code <confirmedAt>#<addressHash>} for the programme team (one query,
 * {@link #confirmedOffers()}), and mails the programme's coordinators once.
 *
 * <p>As with signup, new and known addresses get the same answer, nothing the sender typed goes
 * into mail to an unconfirmed address, and at most one confirmation mail per address and day goes
 * out. Every item carries the address hash, so erasure deletes the offer with the rest.
 */
public final class Volunteering {

    /** How long an unconfirmed offer lives. */
    static final Duration UNCONFIRMED_TTL = Duration.ofHours(48);
    /** How long a confirmed offer is kept for the programme team (the privacy notice's year). */
    static final Duration KEPT = Duration.ofDays(366);

    private static final Logger LOG = LoggerFactory.getLogger(Volunteering.class);

    private final DynamoDbClient dynamo;
    private final String table;
    private final MailStore mail;
    private final SignedLinks tokens;
    private final Mailer mailer;
    private final AddressHasher hasher;
    private final Supplier<Programme> programme;
    private final Links links;
    private final Clock clock;
    private final SignupValidator validator = new SignupValidator();

    Volunteering(DynamoDbClient dynamo, String table, MailStore mail, SignedLinks tokens, Mailer mailer,
                 AddressHasher hasher, Supplier<Programme> programme, Links links, Clock clock) {
        this.dynamo = Objects.requireNonNull(dynamo);
        this.table = Objects.requireNonNull(table);
        this.mail = Objects.requireNonNull(mail);
        this.tokens = Objects.requireNonNull(tokens);
        this.mailer = Objects.requireNonNull(mailer);
        this.hasher = Objects.requireNonNull(hasher);
        this.programme = Objects.requireNonNull(programme);
        this.links = Objects.requireNonNull(links);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Wires the volunteering core from real clients (as {@link Participants#create} does for signup). */
    public static Volunteering create(org.iln.aws.AwsClients clients, Clock clock, org.iln.config.FunctionsConfig config,
                                      Supplier<Programme> programme) {
        DynamoDbClient dynamo = clients.dynamo();
        MailStore mail = new MailStore(dynamo, config.tableName());
        Mailer mailer = new Mailer(clients.ses(), mail, new org.iln.mail.Suppressions(dynamo, config.tableName()),
                new org.iln.mail.MailRenderer(), config.mailFrom(), config.configurationSet(), clock);
        return new Volunteering(dynamo, config.tableName(), mail,
                new SignedLinks(config.tokenKey(), new org.iln.token.TokenStore(dynamo, config.tableName())), mailer,
                new AddressHasher(config.addressKey()), programme, new Links(config.siteUrl()), clock);
    }

    /** A confirmed offer, as the programme team sees it. */
    public record ConfirmedOffer(VolunteerOffer offer, Instant confirmedAt) {
    }

    /**
     * Takes one submission of the volunteer form: the problems (every bad field, nothing stored), or
     * empty when it was taken (or silently dropped as a bot's) and the person should check their email.
     */
    public List<FieldError> submit(SubmittedFields fields) {
        Instant now = clock.instant();
        if (fields.all(VolunteerField.WEBSITE.formName()).stream().anyMatch(v -> !v.isBlank())
                || fields.hasWrongType(VolunteerField.WEBSITE.formName())) {
            LOG.atInfo().addKeyValue("outcome", "ignored").addKeyValue("reason", "honeypot").log("volunteer offer ignored");
            return List.of();
        }
        SignupValidator.VolunteerResult result = validator.validateVolunteer(fields, programme.get());
        if (result.offer().isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", "invalid")
                    .addKeyValue("fields", result.errors().stream().map(FieldError::field).limit(10).toList())
                    .log("volunteer offer refused: invalid fields");
            return result.errors();
        }
        VolunteerOffer offer = result.offer().get();
        String hash = hasher.address(offer.email());
        String offerId = UUID.randomUUID().toString();
        String ackKey = "volunteer-ack:" + hash + ":" + LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, AttributeValue> item = offerItem(hash, offerId, offer, now);
        try {
            // The offer (only if none is live for the address) and its mail's claim, together.
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                            .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))).build()).build(),
                    TransactWriteItem.builder().put(mail.claimPut(ackKey, hash, "volunteer-confirm", now)).build()));
        } catch (TransactionCanceledException e) {
            if (!conditionFailed(e)) {
                throw e;
            }
            // A live offer (or today's mail) already exists: the same answer, nothing more.
            LOG.atInfo().addKeyValue("outcome", "known").log("volunteer offer for a known address");
            return List.of();
        }
        mailer.sendClaimed(ackKey, () -> new Envelope(offer.email(), hash, "volunteer-confirm", Map.of(
                "confirmUrl", links.api("volunteer/confirm",
                        tokens.mint(Purpose.VOLUNTEER, hash, "volunteer", offerId, now), offer.language()),
                "siteUrl", links.site(), Wording.LANGUAGE, offer.language()), Optional.empty(), List.of()));
        LOG.atInfo().addKeyValue("outcome", "stored").log("volunteer offer stored");
        return List.of();
    }

    /**
     * Confirms the offer a link names, lists it for the programme team and tells the programme's
     * coordinators, once. Following the link again is harmless; false for a bad, expired or
     * replaced link.
     */
    public boolean confirm(String token) {
        Instant now = clock.instant();
        Optional<StoredToken> stored = tokens.check(token, Purpose.VOLUNTEER, now);
        if (stored.isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", "bad-link").log("volunteer confirmation refused");
            return false;
        }
        String hash = stored.get().addressHash();
        String offerId = stored.get().participantId();
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(offerPk(hash), "OFFER"))).item();
        if (item == null || !offerId.equals(text(item, "offerId"))) {
            return false;
        }
        if ("UNCONFIRMED".equals(text(item, "status"))) {
            Map<String, AttributeValue> listed = new HashMap<>(item);
            listed.put(PK, s("VOLUNTEERS"));
            listed.put(SK, s(now + "#" + hash));
            listed.put(ITEM_TYPE, s("VOLUNTEER_LISTED"));
            listed.put("status", s("CONFIRMED"));
            listed.put("confirmedAt", s(now.toString()));
            listed.put(EXPIRES_AT, n(now.plus(KEPT).getEpochSecond()));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().update(Update.builder().tableName(table)
                                .key(key(offerPk(hash), "OFFER"))
                                .updateExpression("SET #status = :confirmed, confirmedAt = :at, expiresAt = :kept")
                                .conditionExpression("#status = :unconfirmed AND offerId = :offer")
                                .expressionAttributeNames(Map.of("#status", "status"))
                                .expressionAttributeValues(Map.of(":confirmed", s("CONFIRMED"),
                                        ":unconfirmed", s("UNCONFIRMED"), ":offer", s(offerId),
                                        ":at", s(now.toString()), ":kept", n(now.plus(KEPT).getEpochSecond())))
                                .build()).build(),
                        TransactWriteItem.builder().put(Put.builder().tableName(table).item(listed).build()).build()));
            } catch (TransactionCanceledException e) {
                if (!conditionFailed(e)) {
                    throw e;
                }
                // A parallel click confirmed it first: it tells the coordinators (below, once).
            }
        }
        VolunteerOffer offer = offer(item);
        for (Map.Entry<String, String> member : programmeTeam(LocalDate.ofInstant(now, ZoneOffset.UTC)).entrySet()) {
            String coordinator = member.getKey();
            String coordinatorHash = hasher.address(coordinator);
            // One mail per offer and coordinator, however often the link is followed.
            mailer.sendOnce("volunteer-offer:" + offerId + ":" + coordinatorHash, new Envelope(coordinator,
                    coordinatorHash, "volunteer-offer", Map.of(
                            "name", offer.name(), "email", offer.email(), "country", offer.country(),
                            "offerCountry", programme.get().country(offer.country())
                                    .map(Programme.Country::name).orElse(offer.country()),
                            "languages", offer.languages(), "why", offer.why(),
                            "hours", Integer.toString(offer.hours()), "siteUrl", links.site(),
                            Wording.LANGUAGE, member.getValue()),
                    Optional.empty(), List.of(offer.email())));
        }
        LOG.atInfo().addKeyValue("outcome", "confirmed").log("volunteer offer confirmed");
        return true;
    }

    /**
     * Every confirmed offer still kept, earliest first: one query of the {@code VOLUNTEERS}
     * partition (for the programme team's mail and private page).
     */
    public List<ConfirmedOffer> confirmedOffers() {
        Instant now = clock.instant();
        return Paging.items(dynamo, b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("VOLUNTEERS"))))
                .filter(item -> !org.iln.store.Attributes.expired(item, now))
                .map(item -> new ConfirmedOffer(offer(item), Instant.parse(text(item, "confirmedAt"))))
                .toList();
    }

    /**
     * The programme team's addresses, each with the language the roster names for it ("" for the
     * default): the coordinators of the open round, else the next, else the latest.
     */
    private Map<String, String> programmeTeam(LocalDate today) {
        Programme current = programme.get();
        Optional<Round> round = current.roundOpenOn(today).or(() -> current.nextRoundOpeningAfter(today))
                .or(() -> current.rounds().isEmpty() ? Optional.empty()
                        : Optional.of(current.rounds().get(current.rounds().size() - 1)));
        Map<String, String> team = new LinkedHashMap<>();
        round.ifPresent(r -> r.coordinators().stream().filter(c -> c.email() != null && !c.email().isBlank())
                .forEach(c -> team.putIfAbsent(c.email(), c.language() == null ? "" : c.language())));
        return team;
    }

    private static Map<String, AttributeValue> offerItem(String hash, String offerId, VolunteerOffer offer, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(offerPk(hash)));
        item.put(SK, s("OFFER"));
        item.put(ITEM_TYPE, s("VOLUNTEER"));
        item.put(ADDRESS_HASH, s(hash));
        item.put("offerId", s(offerId));
        item.put("status", s("UNCONFIRMED"));
        item.put("createdAt", s(now.toString()));
        item.put("consentedAt", s(now.toString()));
        item.put("name", s(offer.name()));
        item.put("email", s(offer.email()));
        item.put("country", s(offer.country()));
        item.put("languages", list(offer.languages()));
        item.put("why", s(offer.why()));
        item.put("hours", n(offer.hours()));
        item.put("language", s(offer.language()));
        item.put(EXPIRES_AT, n(now.plus(UNCONFIRMED_TTL).getEpochSecond()));
        return item;
    }

    private static VolunteerOffer offer(Map<String, AttributeValue> item) {
        return new VolunteerOffer(text(item, "name"), text(item, "email"), text(item, "country"),
                strings(item, "languages"), text(item, "why"),
                item.containsKey("hours") ? Integer.parseInt(item.get("hours").n()) : 0,
                // offers stored before the form named its language are in the default one
                item.containsKey("language") ? item.get("language").s() : org.iln.store.Application.Profile.DEFAULT_LANGUAGE);
    }

    private static String offerPk(String hash) {
        return "VOLUNTEER#" + hash;
    }

    private static boolean conditionFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream()
                .map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals);
    }
}
