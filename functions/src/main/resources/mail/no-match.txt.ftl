<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.noMatch.subject")>
<#-- reasonCode names the catalogue's reason; reason (English) is what mail queued before carries -->
<#assign why = (reasonCode!"")?has_content?then(msg("mail.noMatch.reason." + reasonCode), reason!"")>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg("mail.noMatch.sorry", isolate(roundTitle))}<#if why?has_content> ${msg("mail.noMatch.because", why)}</#if>

${msg("mail.noMatch.options")}
- ${msg("mail.noMatch.widen")}
- ${msg("mail.noMatch.follow")}
- <#if (nextRoundTitle!"")?has_content><#if (nextRoundOpens!"")?has_content>${msg("mail.noMatch.next", isolate(nextRoundTitle), date(nextRoundOpens))}<#else>${msg("mail.noMatch.nextUndated", isolate(nextRoundTitle))}</#if><#else>${msg("mail.noMatch.nextUnknown")}</#if>
</@layout.page>
