package org.iln.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * LocalStack in a container (Testcontainers), for the same tests where a Docker engine exists.
 * Reset drops the test table and clears LocalStack's sent-mail store ({@code /_aws/ses}).
 */
final class LocalStackEmulator implements Emulator {

    /** The image, pinned so runs are repeatable; override with -Diln.localstack.image. */
    static final String IMAGE = System.getProperty("iln.localstack.image", "localstack/localstack:4.4");

    private final LocalStackContainer container;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private DynamoDbClient dynamo;

    private LocalStackEmulator(LocalStackContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static LocalStackEmulator start() {
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(IMAGE))
                .withServices("dynamodb", "ses");
        container.start();
        LocalStackEmulator emulator = new LocalStackEmulator(container);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "localstack-stop"));
        return emulator;
    }

    void useDynamo(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    @Override
    public String name() {
        return "localstack";
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public void reset() {
        if (dynamo != null) {
            try {
                dynamo.deleteTable(b -> b.tableName(Aws.TABLE));
                dynamo.waiter().waitUntilTableNotExists(b -> b.tableName(Aws.TABLE));
            } catch (ResourceNotFoundException e) {
                // first test: nothing to drop
            }
        }
        send(HttpRequest.newBuilder(endpoint().resolve("/_aws/ses")).DELETE());
    }

    @Override
    public List<String> sentRawMail() {
        try {
            JsonNode messages = json.readTree(send(HttpRequest.newBuilder(endpoint().resolve("/_aws/ses")).GET()))
                    .path("messages");
            List<String> raw = new ArrayList<>();
            messages.forEach(m -> {
                if (m.hasNonNull("RawData")) {
                    raw.add(m.path("RawData").asText());
                }
            });
            return raw;
        } catch (IOException e) {
            throw new IllegalStateException("LocalStack's /_aws/ses is not JSON", e);
        }
    }

    @Override
    public void close() {
        container.stop();
    }

    private String send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("LocalStack is not answering", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
