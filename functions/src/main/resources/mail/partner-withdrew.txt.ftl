<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.partnerLeft.subject")>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

<#if (partnerGivenName!"")?has_content>${msg("mail.partnerLeft.named", isolate(partnerGivenName), isolate(roundTitle))}<#else>${msg("mail.partnerLeft.unnamed", isolate(roundTitle))}</#if>

${msg((rematching!true)?then("mail.rematching", "mail.tooLate"))}
</@layout.page>
