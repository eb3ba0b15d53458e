<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.noNewPartner.subject")>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg(overLimit?then("mail.noNewPartner.overLimit", "mail.noNewPartner.tooLate"), isolate(roundTitle))} ${msg("mail.noNewPartner.sorry")}

<#if (nextRoundTitle!"")?has_content>${msg("mail.keepFollowing.next", isolate(nextRoundTitle), date(nextRoundOpens))}<#else>${msg("mail.keepFollowing")}</#if>
</@layout.page>
