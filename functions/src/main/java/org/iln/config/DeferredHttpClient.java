package org.iln.config;

import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client for an SDK client builder that is still being built elsewhere: the first
 * request waits for it. A cold start uses it so that building the url-connection client and its
 * TLS context overlaps with building the SDK client.
 */
public final class DeferredHttpClient implements SdkHttpClient {

    private final Supplier<SdkHttpClient> client;

    /** A client that takes its requests to whatever {@code client} supplies (asked on each request). */
    public DeferredHttpClient(Supplier<SdkHttpClient> client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return client.get().prepareRequest(request);
    }

    @Override
    public String clientName() {
        // What the SDK puts in its User-Agent; the real client answers the same.
        return "UrlConnection";
    }

    @Override
    public void close() {
        client.get().close();
    }
}
