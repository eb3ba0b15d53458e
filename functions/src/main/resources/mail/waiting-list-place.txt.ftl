<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.waitingPlace.subject", roundTitle)>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg("mail.waitingPlace.in", isolate(roundTitle), isolate(earlierRoundTitle))} <#if (matchDate!"")?has_content>${msg("mail.waitingPlace.countsOn", date(matchDate))}<#else>${msg("mail.waitingPlace.counts")}</#if>

${msg("mail.waitingPlace.stop")}
</@layout.page>
