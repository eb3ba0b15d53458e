<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.coordinatorLink.subject")>
<@layout.page>
${msg("mail.hello")}

${msg("mail.coordinatorLink.intro")}

<#list pages as p>
<#if p.scope?has_content>${msg("mail.coordinatorLink.country", isolate(p.roundTitle), countryName(p.scope))}<#else>${msg("mail.coordinatorLink.team", isolate(p.roundTitle))}</#if>: ${p.pageUrl}
</#list>

${msg("mail.coordinatorLink.ignore")}
</@layout.page>
