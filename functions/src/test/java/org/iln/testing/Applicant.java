package org.iln.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A realistic signup, as the site's form sends it, that tests can alter field by field. */
public final class Applicant {

    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    private Applicant() {
    }

    /** A valid applicant with this address, whose form was opened a minute before {@code clock}'s now. */
    public static Applicant valid(String email, Clock clock) {
        return new Applicant()
                .set("givenName", "Ngozi")
                .set("familyName", "Okafor")
                .set("email", email)
                .set("country", "NG")
                .set("timezone", "Africa/Lagos")
                .set("languages", "en", "fr")
                .set("sector", "academic")
                .set("role", "Systems librarian")
                .set("careerStage", "mid")
                .set("interests", "digital", "open-access", "leadership")
                .set("preferSector", "different")
                .set("preferCareerStage", "any")
                .set("preferRegions", "Europe", "Asia")
                .set("excludeCountries", "GH")
                .set("openToAny", "true")
                .set("maxPartners", "2")
                .set("consentPrivacy", "true")
                .set("consentShare", "true")
                .set("heardFrom", "colleague")
                .set("website", "")
                .set("formStartedAt", Long.toString(clock.millis() - 60_000));
    }

    /** Sets a field's values (none removes it). */
    public Applicant set(String field, String... values) {
        if (values.length == 0) {
            fields.remove(field);
        } else {
            fields.put(field, new ArrayList<>(List.of(values)));
        }
        return this;
    }

    /** Removes a field. */
    public Applicant without(String field) {
        fields.remove(field);
        return this;
    }

    /** The body as JSON, with arrays for the repeated fields. */
    public String json() {
        return fields.entrySet().stream().map(e -> quote(e.getKey()) + ":" + (isRepeated(e.getKey())
                        ? e.getValue().stream().map(Applicant::quote).collect(Collectors.joining(",", "[", "]"))
                        : quote(e.getValue().get(0))))
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** The body as a URL-encoded form, repeating keys. */
    public String form() {
        return fields.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(v -> enc(e.getKey()) + "=" + enc(v)))
                .collect(Collectors.joining("&"));
    }

    private static boolean isRepeated(String field) {
        return List.of("languages", "interests", "preferRegions", "excludeCountries").contains(field);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    // Escape everything outside printable ASCII, so that even a lone surrogate
                    // reaches the server exactly as written.
                    if (c < 0x20 || c >= 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
