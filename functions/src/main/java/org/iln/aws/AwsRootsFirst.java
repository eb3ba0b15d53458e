package org.iln.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the servers the JDK trusts, but reads the JDK's trust store only for a server
 * that none of AWS's root certificate authorities vouches for.
 *
 * <p>Why: the functions talk almost only to AWS endpoints (DynamoDB, SES, Secrets Manager) and
 * to the site's CloudFront distribution, whose certificates chain to Amazon's roots (Amazon Root
 * CA 1–4, cross-signed by Starfield). Loading and parsing the JDK's ~140 roots is about 0.1 s of
 * a cold start's CPU (docs/benchmarks.md, "Signup start-up"); the six roots bundled here
 * ({@code aws-root-cas.pem}) cost a few milliseconds. A chain the AWS roots do not accept is
 * checked again against the JDK's full store, so nothing the JDK would accept is ever refused:
 * this changes when the store is read, not what is trusted.
 */
public final class AwsRootsFirst extends X509ExtendedTrustManager {

    private static final String AWS_ROOTS = "aws-root-cas.pem";

    private final X509ExtendedTrustManager awsRoots;
    private final Supplier<X509ExtendedTrustManager> jdkRoots;
    private volatile X509ExtendedTrustManager jdkRootsRead;

    AwsRootsFirst(X509ExtendedTrustManager first, Supplier<X509ExtendedTrustManager> otherwise) {
        this.awsRoots = Objects.requireNonNull(first, "first");
        this.jdkRoots = Objects.requireNonNull(otherwise, "otherwise");
    }

    /** The one instance every client in this JVM shares, so the JDK's store is read at most once. */
    public static AwsRootsFirst get() {
        return Shared.TRUST;
    }

    /**
     * TLS sockets that trust as {@link #get()} does, from one TLS context for the whole JVM:
     * building it (JSSE, the roots) is most of what a first HTTPS connection costs.
     */
    public static SSLSocketFactory socketFactory() {
        return SharedSockets.SOCKETS;
    }

    /**
     * A plain JDK connection to {@code uri} (not yet connected) that, over https, trusts as
     * {@link #get()} does: what the SDK's clients and the manifest's fetch open.
     */
    public static HttpURLConnection open(URI uri, Duration connectTimeout, Duration readTimeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(socketFactory());
        }
        connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
        connection.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
        return connection;
    }

    /** The trust manager over the given roots, or over the JDK's own store when {@code roots} is null. */
    static X509ExtendedTrustManager trustManagerOver(KeyStore roots) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(roots);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust manager: " + e.getMessage(), e);
        }
    }

    /** A key store holding {@code certificates} as trusted entries. */
    static KeyStore storeOf(Collection<? extends Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("root-" + i++, certificate);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the roots in a key store: " + e.getMessage(), e);
        }
    }

    /** The AWS roots bundled with the functions. */
    static List<X509Certificate> awsRoots() {
        try (InputStream pem = AwsRootsFirst.class.getResourceAsStream(AWS_ROOTS)) {
            if (pem == null) {
                throw new IllegalStateException(AWS_ROOTS + " is missing from the class path");
            }
            return CertificateFactory.getInstance("X.509").generateCertificates(pem).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException(AWS_ROOTS + " is not a PEM bundle: " + e.getMessage(), e);
        }
    }

    /** Whether the JDK's own store has been read (for tests: a chain under an AWS root never reads it). */
    boolean readJdkRoots() {
        return jdkRootsRead != null;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(manager -> manager.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(manager -> manager.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(manager -> manager.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(manager -> manager.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(manager -> manager.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(manager -> manager.checkClientTrusted(chain, authType, engine));
    }

    /**
     * The AWS roots only: a server asks for the issuers it accepts from clients, and the functions
     * are never servers, so reading the whole store for this would buy nothing.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return awsRoots.getAcceptedIssuers();
    }

    private void check(Check check) throws CertificateException {
        try {
            check.against(awsRoots);
        } catch (CertificateException notUnderAws) {
            // Not under an AWS root (or not valid at all): the JDK's full store decides, and its
            // verdict, with its message, is the answer.
            check.against(jdkRoots());
        }
    }

    private X509ExtendedTrustManager jdkRoots() {
        X509ExtendedTrustManager read = jdkRootsRead;
        if (read == null) {
            synchronized (this) {
                read = jdkRootsRead;
                if (read == null) {
                    read = jdkRoots.get();
                    jdkRootsRead = read;
                }
            }
        }
        return read;
    }

    @FunctionalInterface
    private interface Check {
        void against(X509ExtendedTrustManager manager) throws CertificateException;
    }

    /** Built on first use, once per JVM. */
    private static final class Shared {
        static final AwsRootsFirst TRUST = new AwsRootsFirst(trustManagerOver(storeOf(awsRoots())),
                () -> trustManagerOver(null));
    }

    /** Built on first use, once per JVM. */
    private static final class SharedSockets {
        static final SSLSocketFactory SOCKETS = sockets();

        private static SSLSocketFactory sockets() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {get()}, null);
                return context.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
            }
        }
    }
}
