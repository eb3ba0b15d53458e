package org.iln.signup;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.iln.mail.Wording;

/** Builds the public URLs that go into messages: site pages and signed API links. */
record Links(URI siteUrl) {

    String site() {
        return siteUrl.toString();
    }

    String api(String path, String token) {
        return siteUrl + "/api/" + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The same, naming the pages' language for a participant who is not in the default one. */
    String api(String path, String token, String language) {
        String link = api(path, token);
        return Wording.root(language).equals("/") ? link : link + "&lang=" + URLEncoder.encode(language, StandardCharsets.UTF_8);
    }
}
