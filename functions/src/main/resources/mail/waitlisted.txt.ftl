<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.waitlisted.subject")>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg("mail.waitlisted.why", isolate(roundTitle))} <#if (nextRoundTitle!"")?has_content>${msg("mail.waitlisted.next", isolate(nextRoundTitle), date(nextRoundOpens))}<#else>${msg("mail.waitlisted.nextUnknown")}</#if>

${msg("mail.waitlisted.write")}
</@layout.page>
