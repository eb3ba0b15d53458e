package org.iln.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/**
 * The functions' trust: AWS's roots first, the JDK's store only when they do not vouch for a
 * server. A made-up root CA and a server certificate for localhost it signed
 * ({@code test-chain.pem}, {@code test-server.p12}, made with keytool for these tests only) stand
 * in for "a server that no AWS root vouches for".
 */
class AwsRootsFirstTest {

    /** AWS's roots by SHA-256 fingerprint (www.amazontrust.com/repository; Starfield's cross-signs). */
    private static final List<String> AWS_ROOTS = List.of(
            "8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e", // Amazon Root CA 1
            "1ba5b2aa8c65401a82960118f80bec4f62304d83cec4713a19c39c011ea46db4", // Amazon Root CA 2
            "18ce6cfe7bf14e60b2e347b8dfe868cb31d02ebb3ada271569f50343b46db3a4", // Amazon Root CA 3
            "e35d28419ed02025cfa69038cd623962458da5c695fbdea3c22b0bfb25897092", // Amazon Root CA 4
            "568d6905a2c88708a4b3025190edcfedb1974a606a13c6e5290fcb2ae63edab5", // Starfield Services Root G2
            "1465fa205397b876faa6f0a9958e5590e40fcc7faa4fb7c2c8677521fb5fb658"); // Starfield Class 2

    @Test
    void the_bundled_roots_are_awss_own_and_none_expires_within_a_year() throws Exception {
        // when
        List<X509Certificate> roots = AwsRootsFirst.awsRoots();

        // then: a year before the first expiry this fails, so the bundle is renewed in time
        assertThat(roots).extracting(AwsRootsFirstTest::fingerprint).containsExactlyElementsOf(AWS_ROOTS);
        Instant aYearFromNow = Instant.now().plus(Duration.ofDays(366));
        assertThat(roots).allSatisfy(root -> assertThat(root.getNotAfter().toInstant()).isAfter(aYearFromNow));
    }

    @Test
    void a_server_under_a_first_root_is_trusted_without_reading_the_other_store() throws Exception {
        // given
        AtomicInteger reads = new AtomicInteger();
        AwsRootsFirst trust = new AwsRootsFirst(over(testRoot()), () -> {
            reads.incrementAndGet();
            return AwsRootsFirst.trustManagerOver(null);
        });

        // when
        trust.checkServerTrusted(testChain(), "RSA");

        // then
        assertThat(reads).hasValue(0);
        assertThat(trust.readJdkRoots()).isFalse();
    }

    @Test
    void a_server_no_aws_root_vouches_for_is_decided_by_the_full_store_read_once() throws Exception {
        // given: the made-up root plays the JDK store's part
        AtomicInteger reads = new AtomicInteger();
        AwsRootsFirst trust = new AwsRootsFirst(awsRootsOnly(), () -> {
            reads.incrementAndGet();
            return over(testRoot());
        });

        // when
        trust.checkServerTrusted(testChain(), "RSA");
        trust.checkServerTrusted(testChain(), "RSA");

        // then
        assertThat(reads).hasValue(1);
        assertThat(trust.readJdkRoots()).isTrue();
    }

    @Test
    void a_server_neither_aws_nor_the_jdk_trusts_is_refused() {
        // given
        AwsRootsFirst trust = new AwsRootsFirst(awsRootsOnly(), () -> AwsRootsFirst.trustManagerOver(null));

        // when / then
        assertThatThrownBy(() -> trust.checkServerTrusted(testChain(), "RSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void a_real_handshake_checks_the_chain_and_the_host_name() throws Exception {
        // given: an https server on loopback with the made-up certificate for "localhost"
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
        server.createContext("/", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        int port = server.getAddress().getPort();
        try {
            AwsRootsFirst trusting = new AwsRootsFirst(awsRootsOnly(), () -> over(testRoot()));
            AwsRootsFirst refusing = new AwsRootsFirst(awsRootsOnly(), () -> AwsRootsFirst.trustManagerOver(null));

            // when / then: trusted by the second store, and for the name on the certificate only
            assertThat(get("https://localhost:" + port + "/", trusting)).isEqualTo(200);
            assertThat(trusting.readJdkRoots()).isTrue();
            assertThatThrownBy(() -> get("https://localhost:" + port + "/", refusing))
                    .isInstanceOf(SSLHandshakeException.class);
            // the certificate names localhost, not the address
            assertThatThrownBy(() -> get("https://127.0.0.1:" + port + "/", trusting))
                    .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("127.0.0.1");
        } finally {
            server.stop(0);
        }
    }

    private static int get(String url, AwsRootsFirst trust) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        HttpsURLConnection connection = (HttpsURLConnection) new URL(url).openConnection();
        connection.setSSLSocketFactory(context.getSocketFactory());
        connection.setConnectTimeout(3000);
        connection.setReadTimeout(3000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = AwsRootsFirstTest.class.getResourceAsStream("test-server.p12")) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static X509ExtendedTrustManager awsRootsOnly() {
        return over(AwsRootsFirst.awsRoots());
    }

    private static X509ExtendedTrustManager over(List<X509Certificate> roots) {
        return AwsRootsFirst.trustManagerOver(AwsRootsFirst.storeOf(roots));
    }

    private static List<X509Certificate> testRoot() {
        return List.of(certificates().get(0));
    }

    /** The server's certificate, then the root that signed it, as a server sends them. */
    private static X509Certificate[] testChain() {
        List<X509Certificate> pem = certificates();
        return new X509Certificate[] {pem.get(1), pem.get(0)};
    }

    private static List<X509Certificate> certificates() {
        try (InputStream in = AwsRootsFirstTest.class.getResourceAsStream("test-chain.pem")) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
