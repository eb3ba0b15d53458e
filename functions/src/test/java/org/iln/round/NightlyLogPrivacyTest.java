package org.iln.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.iln.signup.PersonalData;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.CapturedLogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(AwsEmulator.class)
class NightlyLogPrivacyTest {

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();
    RoundFixture round;

    @BeforeEach
    void setUp(Aws aws) {
        round = new RoundFixture(aws);
    }

    @Test
    void draft_publish_and_rematch_log_counts_but_no_address_name_or_address_hash() {
        // given / when: a draft night, the match date, and a re-match after a withdrawal
        round.seed(12, Map.of());
        round.seedLoner("p-99");
        round.handler().handleRequest(Map.of(), null);
        round.clock.set(RoundFixture.MATCH_DATE);
        round.handler().handleRequest(Map.of(), null);
        List<String> pair = round.items("PAIR").get(0).get("members").l().stream().map(AttributeValue::s).toList();
        new PersonalData(round.aws.dynamo(), Aws.TABLE).erase(round.hash(pair.get(0)));
        round.clock.advance(Duration.ofDays(3));
        round.handler().handleRequest(Map.of(), null);

        // then
        String logs = this.logs.text();
        assertThat(logs).contains("matching night").contains("published=6").contains("dissolved=1");
        assertThat(logs).doesNotContain("@example.org").doesNotContain("Namep").doesNotContain("Family")
                .doesNotContain(round.hash("p-01")).doesNotContain(round.hash(pair.get(1)));
    }
}
