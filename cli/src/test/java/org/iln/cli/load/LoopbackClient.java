package org.iln.cli.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One load-test client: an HTTP/1.1 keep-alive connection opened from its own loopback address
 * (127.0.0.2, 127.0.0.3, ...), so the server and its per-client rate limit see many clients, as
 * they would on the internet. {@code java.net.http} cannot choose a source address on Java 17.
 */
final class LoopbackClient implements AutoCloseable {

    /** A response: status, headers (names in lower case) and body. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private final InetAddress source;
    private final InetSocketAddress server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    LoopbackClient(InetAddress source, InetSocketAddress server) {
        this.source = source;
        this.server = server;
    }

    Response get(String pathAndQuery) throws IOException {
        return send("GET", pathAndQuery, null, new byte[0]);
    }

    Response post(String path, String contentType, String body) throws IOException {
        return send("POST", path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private Response send(String method, String target, String contentType, byte[] body) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(method, target, contentType, body);
        } catch (EOFException | java.net.SocketException e) {
            close();
            // The server may close an idle keep-alive connection just as we reuse it: like every
            // HTTP client, try once more on a fresh connection, but only then.
            if (!reused) {
                throw e;
            }
            return exchange(method, target, contentType, body);
        }
    }

    private Response exchange(String method, String target, String contentType, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(server, 5_000);
            // Generous: on a loaded two-core machine 200 clients queue for minutes behind the emulator.
            socket.setSoTimeout(300_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(server.getPort()).append("\r\n")
                .append("User-Agent: iln-load\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body.length > 0 || method.equals("POST")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        Response response = read();
        if ("close".equalsIgnoreCase(response.headers().get("connection"))) {
            close();
        }
        return response;
    }

    private Response read() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                chunks.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
            body = chunks.toByteArray();
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            body = in.readNBytes(length);
            if (body.length < length) {
                throw new EOFException("body cut short");
            }
        } else {
            body = in.readAllBytes();
            headers.put("connection", "close");
        }
        return new Response(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
