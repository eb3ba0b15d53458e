package org.iln.cli.dev;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.iln.aws.AwsClients;
import org.iln.json.Json;
import org.iln.localaws.MotoServer;
import org.iln.localaws.SentMailPage;
import org.iln.store.IlnTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The AWS the dev server talks to: a moto_server it starts and owns (the default), another
 * emulator at a given endpoint (LocalStack), or real AWS through a named profile.
 *
 * <p>Only emulators get a table, a verified sender and demo participants set up; real AWS is used
 * as it is deployed, and its mail goes to real inboxes, so there is no mail viewer for it.
 */
public final class LocalAws implements AutoCloseable {

    /** The table name used in emulators. */
    public static final String LOCAL_TABLE = "iln-local";
    /** The sending domain verified in emulators. */
    public static final String LOCAL_SENDER_DOMAIN = "iln.example.org";

    private final String description;
    private final AwsClients clients;
    private final String table;
    private final String region;
    private final Optional<URI> endpoint;
    private final Optional<MotoServer> moto;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalAws(String description, AwsClients clients, String table, String region, Optional<URI> endpoint,
                     Optional<MotoServer> moto) {
        this.description = description;
        this.clients = clients;
        this.table = table;
        this.region = region;
        this.endpoint = endpoint;
        this.moto = moto;
    }

    /** Starts moto_server on a free loopback port and sets up the table and sender in it. */
    public static LocalAws startMoto(PrintWriter log) {
        log.println("Starting the AWS emulator (moto_server) ...");
        log.flush();
        MotoServer server = MotoServer.start();
        try {
            LocalAws aws = new LocalAws("moto_server at " + server.endpoint() + " (started by ./iln dev, stopped with it)",
                    emulatorClients(server.endpoint(), MotoServer.REGION), LOCAL_TABLE, MotoServer.REGION,
                    Optional.of(server.endpoint()), Optional.of(server));
            aws.setUpEmulator();
            return aws;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Another emulator (e.g. LocalStack) that is already running at {@code endpoint}. */
    public static LocalAws emulatorAt(URI endpoint, String table, String region) {
        LocalAws aws = new LocalAws("the AWS emulator at " + endpoint + " (table " + table + ", region " + region + ")",
                emulatorClients(endpoint, region), table, region, Optional.of(endpoint), Optional.empty());
        aws.setUpEmulator();
        return aws;
    }

    /** Real AWS with the credentials of a named profile; the table must already exist (deployed). */
    public static LocalAws realAws(String profile, String table, String region) {
        AwsCredentialsProvider credentials = ProfileCredentialsProvider.create(profile);
        Region r = Region.of(region);
        AwsClients clients = new AwsClients(
                DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(r)
                        .credentialsProvider(credentials).build(),
                SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).region(r)
                        .credentialsProvider(credentials).build());
        return new LocalAws("REAL AWS: profile " + profile + ", DynamoDB table " + table + " in " + region
                + "; mail is sent through SES to real addresses", clients, table, region, Optional.empty(), Optional.empty());
    }

    private static AwsClients emulatorClients(URI endpoint, String region) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        Region r = Region.of(region);
        return new AwsClients(
                DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(r)
                        .credentialsProvider(credentials).endpointOverride(endpoint).build(),
                SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).region(r)
                        .credentialsProvider(credentials).endpointOverride(endpoint).build());
    }

    private void setUpEmulator() {
        try {
            IlnTable.create(clients.dynamo(), table);
        } catch (ResourceInUseException alreadyThere) {
            // An emulator that outlives ./iln dev keeps its table; reuse it.
        }
        clients.ses().createEmailIdentity(b -> b.emailIdentity(LOCAL_SENDER_DOMAIN));
    }

    /** What this touches, in words, for the start-up message. */
    public String description() {
        return description;
    }

    public AwsClients clients() {
        return clients;
    }

    public String table() {
        return table;
    }

    public String region() {
        return region;
    }

    /** The emulator's endpoint; empty for real AWS. */
    public Optional<URI> endpoint() {
        return endpoint;
    }

    /** Whether this is an emulator (safe to seed and to show its mail). */
    public boolean isEmulator() {
        return endpoint.isPresent();
    }

    /**
     * Raw MIME of every message the emulator accepted, oldest first: moto's
     * {@code /moto-api/data.json}, or LocalStack's {@code /_aws/ses}. Empty for real AWS.
     */
    public List<String> sentRawMail() {
        if (moto.isPresent()) {
            return moto.get().sentRawMail();
        }
        if (endpoint.isEmpty()) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        Optional<JsonNode> motoData = getJson(endpoint.get().resolve("/moto-api/data.json"));
        if (motoData.isPresent()) {
            motoData.get().path("ses").path("RawMessage").forEach(m -> messages.add(m.path("raw_data").asText()));
            return messages;
        }
        getJson(endpoint.get().resolve("/_aws/ses")).ifPresent(data -> data.path("messages")
                .forEach(m -> messages.add(m.path("RawData").asText())));
        return messages;
    }

    /**
     * A page of the mail the emulator accepted, newest first: {@code limit} messages after the
     * newest {@code skip}, only those to a recipient containing {@code to} unless it is blank.
     * An emulator started by our launcher answers it alone; any other is read whole and paged here.
     */
    public SentMailPage sentMail(int skip, int limit, String to) {
        if (moto.isPresent()) {
            return moto.get().sentMail(skip, limit, to);
        }
        if (endpoint.isEmpty()) {
            return SentMailPage.EMPTY;
        }
        URI page = endpoint.get().resolve("/moto-api/iln/sent-mail?skip=" + skip + "&limit=" + limit + "&to="
                + URLEncoder.encode(to, StandardCharsets.UTF_8));
        return getJson(page).filter(json -> json.has("total")).map(SentMailPage::fromJson)
                .orElseGet(() -> SentMailPage.of(sentRawMail(), skip, limit, to));
    }

    private Optional<JsonNode> getJson(URI uri) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(Json.newMapper().readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Stops the emulator if this started it; leaves anything else running. */
    @Override
    public void close() {
        moto.ifPresent(MotoServer::close);
    }

    /** The moto process, when this started one (tests check it is gone after close). */
    public Optional<Long> motoPid() {
        return moto.map(MotoServer::pid);
    }

    @Override
    public String toString() {
        return Objects.requireNonNullElse(description, "aws");
    }
}
