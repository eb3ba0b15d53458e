package org.iln.faults;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP layer of an SDK client with {@link Faults} between it and the emulator: an in-process
 * stand-in for a faulty network or service, one attempt at a time.
 *
 * <p>Why here and not in an {@code ExecutionInterceptor}: an interceptor's request hooks run once
 * per API call, not per retry attempt, and it cannot keep a request from reaching the server. A
 * throttled write must not be applied (AWS rejects it before it does anything), and the SDK must
 * see the error as bytes on the wire, to parse and classify it itself. At the HTTP client both
 * hold, and every SDK mechanism above it (signing, interceptors, error unmarshalling, the retry
 * strategy with its backoff and token bucket, API call timeouts) is the real one.
 */
final class FaultyHttpClient implements SdkHttpClient {

    private final SdkHttpClient delegate;
    private final Faults faults;

    FaultyHttpClient(SdkHttpClient delegate, Faults faults) {
        this.delegate = delegate;
        this.faults = faults;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            private volatile ExecutableHttpRequest forwarded;

            @Override
            public HttpExecuteResponse call() throws IOException {
                Optional<Fault> fault = faults.decide(describe(request));
                if (fault.isEmpty()) {
                    return forward();
                }
                Fault f = fault.get();
                switch (f.kind()) {
                    case ANSWER:
                        return answer(f);
                    case ANSWER_AFTER_APPLYING: {
                        HttpExecuteResponse real = forward();
                        real.responseBody().ifPresent(FaultyHttpClient::drain);
                        return answer(f);
                    }
                    case HALT_BEFORE:
                        Runtime.getRuntime().halt(Fault.HALT_STATUS);
                        throw new IllegalStateException("unreachable");
                    case HALT_AFTER: {
                        HttpExecuteResponse real = forward();
                        real.responseBody().ifPresent(FaultyHttpClient::drain);
                        Runtime.getRuntime().halt(Fault.HALT_STATUS);
                        throw new IllegalStateException("unreachable");
                    }
                    case PARK_BEFORE:
                        park(describe(request));
                        throw new IllegalStateException("unreachable");
                    case PARK_AFTER: {
                        HttpExecuteResponse real = forward();
                        real.responseBody().ifPresent(FaultyHttpClient::drain);
                        park(describe(request));
                        throw new IllegalStateException("unreachable");
                    }
                    case TIMEOUT:
                        throw new SocketTimeoutException("Read timed out (injected)");
                    case TIMEOUT_AFTER_APPLYING: {
                        HttpExecuteResponse real = forward();
                        real.responseBody().ifPresent(FaultyHttpClient::drain);
                        throw new SocketTimeoutException("Read timed out (injected, after applying)");
                    }
                    default:
                        throw new IllegalStateException("unknown fault " + f.kind());
                }
            }

            private HttpExecuteResponse forward() throws IOException {
                forwarded = delegate.prepareRequest(request);
                return forwarded.call();
            }

            @Override
            public void abort() {
                ExecutableHttpRequest f = forwarded;
                if (f != null) {
                    f.abort();
                }
            }
        };
    }

    @Override
    public String clientName() {
        return "Faulty(" + delegate.clientName() + ")";
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static HttpExecuteResponse answer(Fault fault) {
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(fault.status());
        fault.headers().forEach(response::putHeader);
        byte[] body = fault.body().getBytes(StandardCharsets.UTF_8);
        response.putHeader("Content-Length", Integer.toString(body.length));
        return HttpExecuteResponse.builder().response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
    }

    /** Tells the parent this JVM reached its kill point, then waits for the SIGKILL. */
    private static void park(Call call) {
        System.out.println(Fault.PARKED + " " + call.operation());
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // Only the parent's SIGKILL ends this thread.
            }
        }
    }

    private static Call describe(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        String body = request.contentStreamProvider().map(FaultyHttpClient::read).orElse("");
        Optional<String> target = http.firstMatchingHeader("X-Amz-Target");
        if (target.isPresent()) {
            String t = target.get();
            return new Call("dynamodb", t.substring(t.indexOf('.') + 1), body);
        }
        String path = http.encodedPath();
        if (path.startsWith("/v2/email/outbound-emails")) {
            return new Call("sesv2", "SendEmail", body);
        }
        return new Call(path.startsWith("/v2/") ? "sesv2" : "other", http.method() + " " + path, body);
    }

    private static String read(software.amazon.awssdk.http.ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drain(AbortableInputStream body) {
        try (body) {
            body.readAllBytes();
        } catch (IOException e) {
            // The answer is discarded anyway.
        }
    }
}
