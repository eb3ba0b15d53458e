package org.iln.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    private static StackSettings withContext(Map<String, Object> context) {
        return StackSettings.from(context::get, name -> null);
    }

    @Test
    void without_context_every_setting_takes_its_documented_default() {
        // when
        StackSettings settings = withContext(Map.of());

        // then
        assertThat(settings).isEqualTo(new StackSettings("dev", "iln-dev", "eu-west-1", Optional.empty(),
                "example.org", "ILN <noreply@example.org>", 14, 20, 40, 300, Optional.empty(), Optional.empty(),
                Path.of("../functions/target")));
        assertThat(settings.edgeStackName()).isEqualTo("iln-dev-edge");
    }

    @Test
    void auto_publishing_is_off_by_default_and_set_by_context_in_days_after_the_match_date() {
        assertThat(withContext(Map.of()).autoPublishDays()).isEmpty();
        assertThat(withContext(Map.of("autoPublishDays", "7")).autoPublishDays()).contains(7);
        assertThat(withContext(Map.of("autoPublishDays", 0)).autoPublishDays()).contains(0);
        assertThatThrownBy(() -> withContext(Map.of("autoPublishDays", "-1")))
                .hasMessageContaining("context 'autoPublishDays' must be 0 or more");
        assertThatThrownBy(() -> withContext(Map.of("autoPublishDays", "a week")))
                .hasMessageContaining("context 'autoPublishDays' must be a whole number");
    }

    @Test
    void context_values_override_the_defaults_and_numbers_may_come_as_text() {
        // when
        StackSettings settings = withContext(Map.of("stage", "prod", "domain", "iln.example.net",
                "sendRate", "50", "apiRateLimit", 5, "alarmEmail", "ops@example.net",
                "siteUrl", "https://iln.example.net", "functionsDirectory", "build/jars"));

        // then
        assertThat(settings.stackName()).isEqualTo("iln-prod");
        assertThat(settings.sender()).as("the default sender follows the domain").isEqualTo("ILN <noreply@iln.example.net>");
        assertThat(settings.sendRate()).isEqualTo(50);
        assertThat(settings.apiRateLimit()).isEqualTo(5);
        assertThat(settings.alarmEmail()).contains("ops@example.net");
        assertThat(settings.siteUrl()).contains("https://iln.example.net");
        assertThat(settings.functionsDirectoryIn(Path.of("/repo/infrastructure")))
                .isEqualTo(Path.of("/repo/infrastructure/build/jars"));
    }

    @Test
    void region_and_account_come_from_the_cdk_cli_environment_when_context_does_not_name_them() {
        // when
        StackSettings settings = StackSettings.from(key -> null,
                Map.of("CDK_DEFAULT_REGION", "ap-southeast-2", "CDK_DEFAULT_ACCOUNT", "210987654321")::get);

        // then
        assertThat(settings.region()).isEqualTo("ap-southeast-2");
        assertThat(settings.account()).contains("210987654321");
    }

    @Test
    void the_default_functions_jars_are_the_ones_this_build_writes_in_the_functions_module() {
        assertThat(withContext(Map.of()).functionsDirectoryIn(Path.of("/repo/infrastructure"))
                .resolve(FunctionArtifact.MATCHING.fileName()))
                .isEqualTo(Path.of("/repo/functions/target/iln-functions-" + FunctionArtifact.VERSION + "-matching.jar"));
        assertThat(FunctionArtifact.VERSION).as("the reactor's version, filtered in by Maven").matches("\\d+\\.\\d+.*");
    }

    @Test
    void an_unsafe_stage_name_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> withContext(Map.of("stage", "Prod Stage!"))).hasMessageContaining("'stage'");
    }

    @Test
    void a_sender_outside_the_mail_domain_is_refused_because_iam_would_refuse_it_later() {
        assertThatThrownBy(() -> withContext(Map.of("domain", "example.org", "sender", "ILN <noreply@elsewhere.org>")))
                .hasMessageContaining("'sender'")
                .hasMessageContaining("example.org");
    }

    @Test
    void a_sender_may_be_a_bare_address_at_the_domain() {
        assertThat(withContext(Map.of("sender", "noreply@example.org")).sender()).isEqualTo("noreply@example.org");
    }

    @Test
    void numbers_that_are_not_numbers_or_out_of_range_are_refused_naming_the_setting() {
        assertThatThrownBy(() -> withContext(Map.of("sendRate", "fast"))).hasMessageContaining("'sendRate'");
        assertThatThrownBy(() -> withContext(Map.of("apiBurstLimit", 0))).hasMessageContaining("'apiBurstLimit'");
        assertThatThrownBy(() -> withContext(Map.of("wafRateLimit", 5))).hasMessageContaining("'wafRateLimit'");
    }

    @Test
    void a_site_url_with_a_path_or_plain_http_is_refused() {
        assertThatThrownBy(() -> withContext(Map.of("siteUrl", "http://iln.example.org"))).hasMessageContaining("'siteUrl'");
        assertThatThrownBy(() -> withContext(Map.of("siteUrl", "https://iln.example.org/"))).hasMessageContaining("'siteUrl'");
    }
}
