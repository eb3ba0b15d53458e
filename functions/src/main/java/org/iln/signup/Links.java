package org.iln.signup;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the public URLs that go into messages: site pages and signed API links. */
record Links(URI siteUrl) {

    String site() {
        return siteUrl.toString();
    }

    String api(String path, String token) {
        return siteUrl + "/api/" + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
