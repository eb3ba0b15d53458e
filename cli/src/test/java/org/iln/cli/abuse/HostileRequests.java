package org.iln.cli.abuse;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.iln.token.Purpose;

/**
 * A seeded generator of malformed and hostile requests against every {@code /api/*} route and the
 * static file server: the same seed gives the same requests, so a failure reproduces.
 */
final class HostileRequests {

    /** The known applicant's fields: submitting them again changes nothing (same answer, no second mail today). */
    static final Map<String, Object> KNOWN_APPLICANT = knownApplicant();

    /** Links minted by the real server during set-up, in their states after it. */
    record RealTokens(String confirmUsed, String unsubscribeUsed, String eraseUnspent, String eraseSpent,
                      String confirmOfErased, List<String> storedIds) {
    }

    /**
     * One request, as bytes on the wire.
     *
     * @param category what kind of abuse, for the report
     * @param halfClose whether the client stops sending after these bytes (a truncated body)
     * @param api whether the path is under /api (its 4xx answers must be JSON errors)
     * @param htmlErrorsAllowed a browser form post, which the contract answers with an HTML page on 400, 409, 413 and 429
     * @param badLink the link is forged, altered, expired or used for the wrong purpose: it must not work
     */
    record Attack(String category, String description, byte[] bytes, boolean halfClose, boolean api,
                  boolean htmlErrorsAllowed, boolean head, boolean badLink) {

        @Override
        public String toString() {
            String text = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.ISO_8859_1)
                    .replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
            return category + " (" + description + "): " + text + (bytes.length > 300 ? "... [" + bytes.length + " bytes]" : "");
        }
    }

    private static final String[] API_PATHS = {"/api/signup", "/api/confirm", "/api/unsubscribe", "/api/erase",
        "/api/me", "/api/me/update", "/api/me/withdraw", "/api/me/link", "/api/me/survey", "/api/me/next-round", "/api/volunteer", "/api/volunteer/confirm",
        "/api/me/no-reply", "/api/me/still-here", "/api/me/check-in", "/api/coordinate",
        "/api/coordinate/approve", "/api/coordinate/hold", "/api/coordinate/pin", "/api/coordinate/forbid",
        "/api/coordinate/withdraw", "/api/coordinate/resend", "/api/coordinate/pair", "/api/coordinate/link"};
    private static final String[] HOSTILE_TEXT = {
        "\u0000", "a\u0000b", "\r", "\n", "\r\n", "Ana\r\nBcc: victim@example.net", "Ana\nSubject: free money",
        "\u202Egro.elpmaxe@ana", "\u2066Ana\u2069", "Ana\u200F\u202B", "\u2028", "\u2029", "\u0085", "\u007F",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
        "=?utf-8?b?QmNjOiB2aWN0aW1AZXhhbXBsZS5uZXQ=?=", "=?iso-8859-1?q?=0D=0ABcc:_x@example.net?=",
        "\uD800", "\uDFFF", "\uFEFF", "😀".repeat(60), "a".repeat(101), "x".repeat(5000), " ", "",
        "${7*7}", "<#assign x=1>", "../../etc/passwd", "%0d%0aSet-Cookie:x=1", "Zoë", "Ｆｕｌｌｗｉｄｔｈ",
        "ﷺ", "\u0301", "A\u0308", "\t", "Robert'); DROP TABLE Students;--"};
    private static final String EMAIL_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~.-";
    private static final String[] CONTENT_TYPES = {
        null, "", "text/plain", "text/html", "application/xml", "multipart/form-data; boundary=xyz",
        "application/octet-stream", "application/jsonx", "application/json-patch+json", "json",
        "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json; charset=bogus",
        "APPLICATION/JSON", "Application/Json ; charset=UTF-8", "application/json;;;", "application/json, text/plain",
        "application/x-www-form-urlencoded; charset=shift_jis", "application/x-www-form-urlencoded; charset=utf-7",
        "application/x-www-form-urlencoded\u0000", "image/png", "*/*", "application/*", "\u00ff\u00fe"};
    private static final String[] WRONG_METHODS = {"PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "FOO",
        "get", "post", "PROPFIND", "HEAD"};

    private final Random random;
    private final byte[] tokenKey;
    private final RealTokens tokens;
    private final long now;

    HostileRequests(long seed, byte[] tokenKey, RealTokens tokens, long nowEpochSecond) {
        this.random = new Random(seed);
        this.tokenKey = tokenKey;
        this.tokens = tokens;
        this.now = nowEpochSecond;
    }

    /** The next request: every kind is drawn with a fixed weight. */
    Attack next() {
        int kind = random.nextInt(100);
        if (kind < 8) {
            return wrongMethod();
        } else if (kind < 16) {
            return wrongMediaType();
        } else if (kind < 22) {
            return wrongCharset();
        } else if (kind < 28) {
            return invalidUtf8();
        } else if (kind < 34) {
            return truncatedOrLying();
        } else if (kind < 38) {
            return oversized();
        } else if (kind < 42) {
            return deepJson();
        } else if (kind < 46) {
            return duplicateKeys();
        } else if (kind < 60) {
            return hostileField();
        } else if (kind < 64) {
            return malformedForm();
        } else if (kind < 84) {
            return badToken();
        } else if (kind < 94) {
            return traversal();
        } else {
            return protocolAbuse();
        }
    }

    // ---- request building ----

    private Attack request(String category, String description, String method, String target,
                           Map<String, String> headers, byte[] body) {
        return request(category, description, method, target, headers, body, body.length, false);
    }

    private Attack request(String category, String description, String method, String target,
                           Map<String, String> headers, byte[] body, int contentLength, boolean halfClose) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length > 0 || contentLength > 0) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        String type = headers.getOrDefault("Content-Type", "").toLowerCase(java.util.Locale.ROOT);
        boolean api = target.startsWith("/api/") || target.equals("/api") || target.startsWith("/api?");
        boolean formPost = type.startsWith("application/x-www-form-urlencoded") && method.equals("POST")
                && (target.startsWith("/api/signup") || target.startsWith("/api/erase")
                        || target.startsWith("/api/me/") || target.startsWith("/api/volunteer")
                        || target.startsWith("/api/coordinate/"));
        return new Attack(category, description, out.toByteArray(), halfClose, api, formPost, method.equals("HEAD"),
                false);
    }

    private static Map<String, String> type(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    private String formRoute() {
        return switch (random.nextInt(4)) {
            case 0, 1 -> "/api/signup";
            case 2 -> "/api/erase";
            default -> "/api/me/link";
        };
    }

    private Map<String, Object> fieldsFor(String route) {
        return route.equals("/api/signup") ? new LinkedHashMap<>(KNOWN_APPLICANT)
                : new LinkedHashMap<>(Map.of("email", KNOWN_APPLICANT.get("email")));
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    // ---- the kinds ----

    private Attack wrongMethod() {
        String path = pick(API_PATHS);
        String method = pick(WRONG_METHODS);
        if (method.equals("HEAD") && !path.equals("/api/signup") && !path.equals("/api/confirm")) {
            method = "PUT";
        }
        boolean withBody = random.nextBoolean();
        byte[] body = withBody ? json(fieldsFor("/api/signup")) : new byte[0];
        return request("wrong method", method + " " + path, method, path + (random.nextBoolean() ? "" : "?token=x"),
                type(withBody ? "application/json" : null), body);
    }

    private Attack wrongMediaType() {
        String route = formRoute();
        String contentType = pick(CONTENT_TYPES);
        byte[] body = random.nextBoolean() ? json(fieldsFor(route)) : form(fieldsFor(route));
        return request("media type", String.valueOf(contentType), "POST", route, type(contentType), body);
    }

    private Attack wrongCharset() {
        String route = formRoute();
        Charset charset = pick(new Charset[] {StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE, StandardCharsets.ISO_8859_1, Charset.forName("UTF-32")});
        Map<String, Object> fields = fieldsFor(route);
        if (route.equals("/api/signup")) {
            fields.put("givenName", "Zoë Ωmega");
        }
        boolean asJson = random.nextBoolean();
        String text = asJson ? new String(json(fields), StandardCharsets.UTF_8)
                : new String(form(fields), StandardCharsets.UTF_8);
        String declared = pick(new String[] {charset.name(), "utf-8", "", charset.name().toLowerCase()});
        String base = asJson ? "application/json" : "application/x-www-form-urlencoded";
        return request("charset", charset + " declared as '" + declared + "'", "POST", route,
                type(declared.isEmpty() ? base : base + "; charset=" + declared), text.getBytes(charset));
    }

    private Attack invalidUtf8() {
        String route = formRoute();
        byte[][] bad = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        byte[] insert = pick(bad);
        boolean asJson = random.nextBoolean();
        byte[] body = asJson ? json(fieldsFor(route)) : form(fieldsFor(route));
        int at = random.nextInt(body.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, at);
        out.writeBytes(insert);
        out.write(body, at, body.length - at);
        return request("invalid UTF-8", "bytes at " + at, "POST", route,
                type(asJson ? "application/json" : "application/x-www-form-urlencoded"), out.toByteArray());
    }

    private Attack truncatedOrLying() {
        String route = random.nextInt(5) == 0 ? "/api/unsubscribe?token=" + tokens.unsubscribeUsed() : formRoute();
        boolean asJson = random.nextBoolean();
        byte[] body = asJson ? json(fieldsFor(route)) : form(fieldsFor(route));
        String contentType = asJson ? "application/json" : "application/x-www-form-urlencoded";
        int cut = random.nextInt(body.length);
        byte[] truncated = java.util.Arrays.copyOf(body, cut);
        return switch (random.nextInt(3)) {
            case 0 -> request("truncated body", "sent " + cut + " of " + body.length + " bytes, then closed", "POST",
                    route, type(contentType), truncated, body.length, true);
            case 1 -> request("lying Content-Length", "says " + cut + ", sends " + body.length, "POST", route,
                    type(contentType), body, cut, false);
            default -> request("truncated body", "cut at byte " + cut + ", honest length", "POST", route,
                    type(contentType), truncated);
        };
    }

    private Attack oversized() {
        String route = random.nextInt(4) == 0 ? "/api/erase?token=" + tokens.eraseSpent() : formRoute();
        int size = random.nextInt(20) == 0 ? 2_000_000 + random.nextInt(100_000) : 16 * 1024 + 1 + random.nextInt(48 * 1024);
        Map<String, Object> fields = fieldsFor(route);
        fields.put("role", "r".repeat(size));
        boolean asJson = random.nextBoolean();
        return request("oversized body", size + " bytes of padding", "POST", route,
                type(asJson ? "application/json" : "application/x-www-form-urlencoded"), asJson ? json(fields) : form(fields));
    }

    private Attack deepJson() {
        int depth = pick(new Integer[] {50, 500, 999, 1001, 2000, 5000});
        boolean arrays = random.nextBoolean();
        StringBuilder nested = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            nested.append(arrays ? "[" : "{\"a\":");
        }
        nested.append("1");
        for (int i = 0; i < depth; i++) {
            nested.append(arrays ? "]" : "}");
        }
        String route = formRoute();
        String body = random.nextBoolean() ? nested.toString()
                : new String(json(fieldsFor(route)), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"givenName\":" + nested + ",");
        return request("deep JSON", depth + (arrays ? " arrays" : " objects"), "POST", route,
                type("application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    private Attack duplicateKeys() {
        String route = formRoute();
        String field = route.equals("/api/signup")
                ? pick(new String[] {"email", "givenName", "consentPrivacy", "country", "website", "languages"}) : "email";
        String json = new String(json(fieldsFor(route)), StandardCharsets.UTF_8);
        String duplicate = "\"" + field + "\":" + pick(new String[] {"\"victim@example.net\"", "\"Eve\"", "false",
            "\"\"", "[\"en\"]", "null"});
        boolean asForm = random.nextBoolean();
        if (asForm) {
            String form = new String(form(fieldsFor(route)), StandardCharsets.UTF_8) + "&" + field + "="
                    + (field.equals("email") ? "victim%40example.net" : "x");
            return request("duplicate keys", "form " + field + " twice", "POST", route,
                    type("application/x-www-form-urlencoded"), form.getBytes(StandardCharsets.UTF_8));
        }
        String body = random.nextBoolean() ? json.replaceFirst("\\{", "{" + duplicate + ",")
                : json.substring(0, json.length() - 1) + "," + duplicate + "}";
        return request("duplicate keys", "JSON " + field + " twice", "POST", route, type("application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private Attack hostileField() {
        String route = formRoute();
        Map<String, Object> fields = fieldsFor(route);
        List<String> names = new ArrayList<>(fields.keySet());
        names.add("unknownField");
        String field = pick(names);
        Object value;
        int how = random.nextInt(10);
        if (how < 7) {
            String text = pick(HOSTILE_TEXT);
            // Mixed into an address, the text must make it invalid, or a second applicant would be made
            // (a lone surrogate is sent as "?", which an address may hold).
            while (field.equals("email") && (text.chars().allMatch(c -> EMAIL_CHARACTERS.indexOf(c) >= 0)
                    || text.chars().anyMatch(c -> Character.isSurrogate((char) c)))) {
                text = pick(HOSTILE_TEXT);
            }
            value = field.equals("email") ? "ana" + text + "@example.org" : text;
        } else if (how < 8) {
            value = List.of(pick(HOSTILE_TEXT), pick(HOSTILE_TEXT));
        } else if (how < 9) {
            value = Map.of("nested", pick(HOSTILE_TEXT));
        } else {
            value = pick(new Object[] {12, -1, 3.5e300, true, List.of(), List.of(List.of("en")), "" });
        }
        fields.put(field, value);
        if (random.nextInt(8) == 0) {
            fields.put("website", "http://spam.example.net");
        }
        boolean asJson = random.nextInt(3) > 0 || !(value instanceof String || value instanceof List<?>);
        return request("hostile value", field + " = " + escapeForReport(String.valueOf(value)), "POST", route,
                type(asJson ? "application/json" : "application/x-www-form-urlencoded"),
                asJson ? json(fields) : form(fields));
    }

    private Attack malformedForm() {
        String route = formRoute();
        String good = new String(form(fieldsFor(route)), StandardCharsets.UTF_8);
        String bad = pick(new String[] {"%", "%z", "%zz", "%c0%af", "%ed%a0%80", "%00", "%0d%0a", "&&&", "=", "==",
            "a=%", "email=%E2%82", "%2", "+%+", "%ff%fe"});
        String body = random.nextBoolean() ? bad + "&" + good : good + "&" + bad;
        return request("malformed form", bad, "POST", route, type("application/x-www-form-urlencoded"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private Attack badToken() {
        String[] routes = {"GET /api/confirm", "GET /api/unsubscribe", "POST /api/unsubscribe", "GET /api/erase",
            "POST /api/erase", "HEAD /api/unsubscribe", "HEAD /api/erase", "GET /api/me", "HEAD /api/me",
            "POST /api/me/update", "POST /api/me/withdraw", "GET /api/me/survey", "POST /api/me/survey",
            "GET /api/me/next-round", "POST /api/me/next-round", "POST /api/me/no-reply",
            "POST /api/me/still-here", "POST /api/me/check-in", "GET /api/coordinate",
            "POST /api/coordinate/approve", "POST /api/coordinate/hold", "POST /api/coordinate/pin",
            "POST /api/coordinate/forbid", "POST /api/coordinate/withdraw", "POST /api/coordinate/resend",
            "POST /api/coordinate/pair"};
        String[] route = pick(routes).split(" ");
        Purpose purpose = route[1].endsWith("confirm") ? Purpose.CONFIRM
                : route[1].endsWith("unsubscribe") ? Purpose.UNSUBSCRIBE
                : route[1].startsWith("/api/me") ? Purpose.PAGE
                : route[1].startsWith("/api/coordinate") ? Purpose.COORDINATE : Purpose.ERASE;
        String token;
        String kind;
        boolean mustFail = true;
        switch (random.nextInt(12)) {
            case 0 -> {
                kind = "random text";
                token = URLEncoder.encode(pick(HOSTILE_TEXT), StandardCharsets.UTF_8);
            }
            case 1 -> {
                kind = "right shape, random";
                token = randomId() + "." + (now + 3600) + "." + randomId();
            }
            case 2 -> {
                kind = "forged: signed with the real key, unknown id";
                long expiry = now + 3600;
                String id = randomId();
                token = id + "." + expiry + "." + sign(tokenKey, purpose, id, expiry);
            }
            case 3 -> {
                kind = "signed with another key";
                byte[] other = new byte[32];
                random.nextBytes(other);
                String id = pick(tokens.storedIds());
                token = id + "." + (now + 3600) + "." + sign(other, purpose, id, now + 3600);
            }
            case 4 -> {
                kind = "tampered real link";
                token = tamper(pick(List.of(tokens.confirmUsed(), tokens.unsubscribeUsed(), tokens.eraseUnspent())));
            }
            case 5 -> {
                kind = "expired: real id, real key, past expiry";
                String id = pick(tokens.storedIds());
                long expiry = now - 1 - random.nextInt(1_000_000);
                token = id + "." + expiry + "." + sign(tokenKey, purpose, id, expiry);
            }
            case 6 -> {
                kind = "real link, wrong purpose";
                token = switch (purpose) {
                    case CONFIRM -> pick(List.of(tokens.unsubscribeUsed(), tokens.eraseUnspent()));
                    case UNSUBSCRIBE -> pick(List.of(tokens.confirmUsed(), tokens.eraseUnspent()));
                    case ERASE -> pick(List.of(tokens.confirmUsed(), tokens.unsubscribeUsed()));
                    case PAGE, VOLUNTEER, COORDINATE -> pick(List.of(tokens.confirmUsed(), tokens.unsubscribeUsed(),
                            tokens.eraseUnspent()));
                };
            }
            case 7 -> {
                kind = "replayed: spent erase link, erased person's confirm link";
                token = purpose == Purpose.CONFIRM ? tokens.confirmOfErased() : purpose == Purpose.ERASE
                        ? tokens.eraseSpent() : tokens.confirmOfErased();
                if (purpose == Purpose.UNSUBSCRIBE) {
                    kind = "confirm link of an erased person on unsubscribe";
                }
            }
            case 8 -> {
                kind = "replayed: a link already used (confirm, unsubscribe) or only viewed (erase page)";
                mustFail = false;
                if (purpose == Purpose.PAGE || purpose == Purpose.COORDINATE) {
                    // The set-up mints no page link: a page path gets another purpose's live link.
                    kind = "a live link of another purpose on the personal page";
                    mustFail = true;
                }
                token = purpose == Purpose.CONFIRM ? tokens.confirmUsed() : purpose == Purpose.UNSUBSCRIBE
                        ? tokens.unsubscribeUsed() : tokens.eraseUnspent();
                if (purpose == Purpose.ERASE && route[0].equals("POST")) {
                    // Following the unspent erase link would erase the known applicant: tamper instead.
                    token = tamper(token);
                    mustFail = true;
                }
            }
            case 9 -> {
                kind = "too long";
                token = "A".repeat(22) + "." + "9".repeat(1 + random.nextInt(3000)) + "." + "B".repeat(22);
            }
            case 10 -> {
                kind = "encoded separators and NUL";
                String real = tokens.confirmUsed();
                token = pick(new String[] {real.replace(".", "%2E"), real + "%00", real + "%0d%0a", "%00" + real,
                    real.replace(".", "%252E"), real + "&token=" + tokens.eraseUnspent(), real.toUpperCase(),
                    real + "." + real});
                if (token.equals(real.replace(".", "%2E")) && purpose == Purpose.CONFIRM) {
                    mustFail = false;  // percent-encoded dots decode to the same, used link
                }
            }
            default -> {
                kind = "missing or empty";
                token = pick(new String[] {"", "=", "&token", "&token="});
            }
        }
        String target = route[1] + (token.startsWith("&") ? "?x=1" + token : "?token=" + token);
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];
        if (route[0].equals("POST") && random.nextBoolean()) {
            headers.put("Content-Type", "application/x-www-form-urlencoded");
            body = "List-Unsubscribe=One-Click".getBytes(StandardCharsets.US_ASCII);
        }
        Attack attack = request("link", kind + " on " + route[0] + " " + route[1], route[0], target, headers, body);
        return new Attack(attack.category(), attack.description(), attack.bytes(), false, true, false, attack.head(),
                mustFail);
    }

    private Attack traversal() {
        String target = AbuseServer.OUTSIDE_FILE;
        List<Function<String, String>> climbs = List.of(
                t -> "/../" + t, t -> "/../../" + t, t -> "/points/../../" + t, t -> "/%2e%2e/" + t,
                t -> "/%2E%2E%2F" + t, t -> "/..%2f" + t, t -> "/..%2F..%2F" + t, t -> "/..\\" + t,
                t -> "/%5c..%5c" + t, t -> "/..%5c" + t, t -> "/%252e%252e/" + t, t -> "/%252e%252e%252f" + t,
                t -> "/.%2e/" + t, t -> "/%c0%ae%c0%ae/" + t, t -> "/..;/" + t, t -> "/....//" + t,
                t -> "/points/%2e%2e/%2e%2e/" + t, t -> "//../" + t, t -> "/./../" + t, t -> "/%2e%2e%00/" + t,
                t -> "/index.html%00/../../" + t, t -> "/..%00/" + t, t -> "/" + "../".repeat(12) + "etc/passwd",
                t -> "/%2e%2e/".repeat(8) + "etc/passwd", t -> "/etc/passwd", t -> "//etc/passwd",
                t -> "/" + "%2e%2e%2f".repeat(8) + "etc%2fpasswd", t -> "/file:///etc/passwd",
                t -> "http://localhost/../" + t, t -> "/api/../../" + t, t -> "/api/..%2f..%2f" + t,
                t -> "/_dev/../../" + t, t -> "/points/..%2f..%2f" + t, t -> "/\u0000/../" + t);
        String path = pick(climbs).apply(target);
        String method = random.nextInt(4) == 0 ? "HEAD" : "GET";
        byte[] head = (method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return new Attack("path traversal", path, head, false, false, false, method.equals("HEAD"), false);
    }

    private Attack protocolAbuse() {
        String path = pick(API_PATHS);
        byte[] body = json(fieldsFor("/api/signup"));
        String json = new String(body, StandardCharsets.UTF_8);
        int variant = random.nextInt(9);
        String raw = switch (variant) {
            case 0 -> "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length + 7) + "\r\n" + json + "\r\n0\r\n\r\n";
            case 1 -> "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + json + "\r\n0\r\n\r\n";
            case 2 -> "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length) + "\r\n"
                    + json + "\r\n0\r\n\r\n";
            case 3 -> "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nContent-Length: " + (body.length + 10) + "\r\n\r\n" + json;
            case 4 -> "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "Content-Length: -1\r\n\r\n" + json;
            case 5 -> "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "Content-Encoding: gzip\r\nContent-Length: " + body.length + "\r\n\r\n" + json;
            case 6 -> "GET " + path + "?token=" + "x".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
            case 7 -> "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "X-Filler: " + "y".repeat(9000) + "\r\nContent-Length: " + body.length + "\r\n\r\n" + json;
            default -> "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n" + json;
        };
        // A chunk that announces more than is sent: the client then stops sending, or the server rightly waits.
        return new Attack("protocol", raw.substring(0, raw.indexOf("\r\n")).replaceAll("x{20,}", "x...")
                + " (variant " + variant + ")", raw.getBytes(StandardCharsets.UTF_8), variant == 0, true, false, false, false);
    }

    // ---- helpers ----

    private String randomId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String tamper(String token) {
        char[] chars = token.toCharArray();
        int at = random.nextInt(chars.length);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char replacement;
        do {
            replacement = chars[at] == '.' ? '.' : alphabet.charAt(random.nextInt(alphabet.length()));
        } while (replacement == chars[at] && chars[at] != '.');
        if (chars[at] == '.') {
            // Move the expiry a year on: the signature no longer covers it.
            String[] parts = token.split("\\.");
            return parts[0] + "." + (Long.parseLong(parts[1]) + 31_536_000L) + "." + parts[2];
        }
        chars[at] = replacement;
        return new String(chars);
    }

    /** The server's link signature (org.iln.token.SignedLinks): HMAC-SHA256 over purpose, id and expiry, 16 bytes. */
    static String sign(byte[] key, Purpose purpose, String id, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal((purpose.name() + "." + id + "." + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] json(Map<String, Object> fields) {
        try {
            return org.iln.json.Json.newMapper().writeValueAsBytes(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] form(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((name, value) -> {
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            for (Object v : values) {
                out.append(out.length() == 0 ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
            }
        });
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escapeForReport(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(60).forEach(c -> out.append(c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.getType(c) == Character.FORMAT
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return out.toString();
    }

    private static Map<String, Object> knownApplicant() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("givenName", UsedIdentities.name("Fuzzina"));
        fields.put("familyName", UsedIdentities.name("Knownapplicant"));
        fields.put("email", UsedIdentities.email("fuzz.known-applicant@example.org"));
        fields.put("country", "PT");
        fields.put("timezone", "Europe/Lisbon");
        fields.put("languages", List.of("en", "pt"));
        fields.put("sector", "public");
        fields.put("role", "Librarian");
        fields.put("careerStage", "early");
        fields.put("interests", List.of("advocacy"));
        fields.put("consentPrivacy", true);
        fields.put("consentShare", true);
        fields.put("website", "");
        return fields;
    }
}
