package org.iln.cli.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.iln.cli.dev.DemoParticipants;
import org.iln.json.Json;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the module (cli's surefire orders classes by
 * {@link Order}) and searches everything the test JVM wrote, as {@link SuiteLogs} copied it, for
 * every address, name and key the suite used.
 */
@Order(Integer.MAX_VALUE)
class LogsHoldNoPersonalDataTest {

    @Test
    void no_log_of_the_suite_holds_an_address_a_name_or_a_key_it_used() throws Exception {
        // given what the suite used: its own identities and keys, and the demo participants every dev server seeds
        assertThat(SuiteLogs.installed()).as("SuiteLogs is registered in META-INF/services and copies the output").isTrue();
        Set<String> personal = new LinkedHashSet<>(UsedIdentities.personal());
        DemoParticipants.people().forEach(p -> {
            personal.add(p.email());
            personal.add(p.givenName() + " " + p.familyName());
            personal.add(p.familyName());
        });
        List<String> secrets = UsedIdentities.secrets();

        // when
        String logs = SuiteLogs.text();
        String lowerLogs = logs.toLowerCase(Locale.ROOT);

        // then
        List<String> found = new ArrayList<>();
        ObjectMapper json = Json.newMapper();
        for (String value : personal) {
            String quoted = json.writeValueAsString(value);
            String inJson = quoted.substring(1, quoted.length() - 1);
            if (lowerLogs.contains(value.toLowerCase(Locale.ROOT)) || lowerLogs.contains(inJson.toLowerCase(Locale.ROOT))) {
                found.add("personal data: " + inJson);
            }
        }
        for (String secret : secrets) {
            if (logs.contains(secret)) {
                found.add("a key (" + secret.length() + " characters)");
            }
        }
        System.out.println("LogsHoldNoPersonalDataTest: searched " + logs.length() + " characters of output ("
                + SuiteLogs.FILE + ") for " + personal.size() + " addresses and names and " + secrets.size()
                + " key encodings");
        assertThat(found).isEmpty();
        if (!UsedIdentities.personal().isEmpty()) {
            // The search means something only if the handler's logs were captured.
            assertThat(logs).contains("\"loggerName\":\"org.iln.signup.ApiHandler\"", "INFO  ApiHandler: ");
        }
    }
}
