<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.paused.subject")>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg("mail.paused.intro", isolate(roundTitle))}

<#if rematching!true>${msg("mail.paused.stillHere")}

${msg("mail.stillHere")}: ${(pageUrl!"")}&ask=still-here
<#else>${msg("mail.paused.next")}
</#if>
</@layout.page>
