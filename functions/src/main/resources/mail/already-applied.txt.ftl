<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.alreadyApplied.subject")>
<@layout.page>
${msg("mail.hello")}

${msg("mail.alreadyApplied.intro", roundTitle)}
<#if confirmUrl?has_content>

${msg("mail.alreadyApplied.unconfirmed")}

${confirmUrl}
<#else>

${msg("mail.alreadyApplied.confirmed")}
</#if>

${msg("mail.notYou")}
</@layout.page>
