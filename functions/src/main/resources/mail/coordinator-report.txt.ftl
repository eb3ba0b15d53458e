<#import "layout.txt.ftl" as layout>
<#assign subject = ((draft!true)?then("Draft matching report: ", "Matching report: ")) + roundTitle>
<@layout.page>
Hello,

<#if draft!true>This is the draft matching for ${roundTitle}<#if (matchDate!"")?has_content>; it will be published on ${matchDate}</#if>.
Pin or forbid pairs in the repository before then to change it.
<#else>Partnerships for ${roundTitle} are published and introductions queued.
</#if>

<#list summaryLines![] as line>
${line}
</#list>
<#if (unmatched![])?has_content>

Not matched:
<#list unmatched as u>
- ${u.participantId} (${u.country!""}): ${u.reason}
</#list>
</#if>
</@layout.page>
