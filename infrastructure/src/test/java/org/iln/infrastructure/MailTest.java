package org.iln.infrastructure;

import static org.iln.infrastructure.SynthesisedProgramme.MAIN;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class MailTest {

    @Test
    void the_mail_domain_is_an_ses_identity_signed_with_easy_dkim_and_sending_through_the_configuration_set() {
        MAIN.resourceCountIs("AWS::SES::EmailIdentity", 1);
        MAIN.hasResourceProperties("AWS::SES::EmailIdentity", Map.of(
                "EmailIdentity", "iln.example.net",
                "ConfigurationSetAttributes", Map.of("ConfigurationSetName", Map.of("Ref", configurationSet()))));
        // Easy DKIM is SES's default: no BYODKIM key in the template, and the DNS tokens are published as outputs.
        MAIN.hasResourceProperties("AWS::SES::EmailIdentity", Match.not(Match.objectLike(Map.of(
                "DkimSigningAttributes", Match.objectLike(Map.of("DomainSigningPrivateKey", Match.anyValue()))))));
        for (int record = 1; record <= 3; record++) {
            MAIN.hasOutput("DkimRecord" + record, Map.of("Value", Map.of("Fn::Join", List.of("", List.of(
                    Map.of("Fn::GetAtt", List.of(identity(), "DkimDNSTokenName" + record)),
                    " CNAME ",
                    Map.of("Fn::GetAtt", List.of(identity(), "DkimDNSTokenValue" + record)))))));
        }
    }

    @Test
    void the_configuration_set_tracks_reputation_and_suppresses_bounced_and_complaining_addresses() {
        MAIN.hasResourceProperties("AWS::SES::ConfigurationSet", Map.of(
                "ReputationOptions", Map.of("ReputationMetricsEnabled", true),
                "SuppressionOptions", Map.of("SuppressedReasons", List.of("BOUNCE", "COMPLAINT"))));
    }

    @Test
    void bounces_and_complaints_are_published_to_the_topic_the_ses_event_handler_reads() {
        MAIN.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", Map.of(
                "ConfigurationSetName", Map.of("Ref", configurationSet()),
                "EventDestination", Map.of(
                        "Enabled", true,
                        "MatchingEventTypes", List.of("bounce", "complaint"),
                        "SnsDestination", Map.of("TopicARN", Map.of("Ref", FunctionsTest.sesEventTopic())))));
    }

    @Test
    void only_ses_for_this_configuration_set_may_publish_to_the_event_topic_and_only_over_tls() {
        MAIN.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(Map.of("Ref", FunctionsTest.sesEventTopic())),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of(
                                "Effect", "Deny",
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                        Match.objectLike(Map.of(
                                "Effect", "Allow",
                                "Action", "sns:Publish",
                                "Principal", Map.of("Service", "ses.amazonaws.com"),
                                "Condition", Map.of("StringEquals", Match.objectLike(Map.of(
                                        "AWS:SourceAccount", "123456789012")))))))))));
    }

    private static String configurationSet() {
        return SynthesisedProgramme.resources(MAIN, "AWS::SES::ConfigurationSet").keySet().iterator().next();
    }

    private static String identity() {
        return SynthesisedProgramme.resources(MAIN, "AWS::SES::EmailIdentity").keySet().iterator().next();
    }
}
