<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.pageLink.subject")>
<@layout.page>
${msg("mail.hello")}

${msg("mail.pageLink.intro")}

<#list pages as p>
${msg("mail.pageLink.round", isolate(p.roundTitle))}: ${p.pageUrl}
</#list>

${msg("mail.ignoreRequest")}
</@layout.page>
