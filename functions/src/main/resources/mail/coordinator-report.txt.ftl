<#import "layout.txt.ftl" as layout>
<#assign subject = ((draft!true)?then("Draft matching report: ", "Matching report: ")) + roundTitle>
<@layout.page>
Hello,

<#if draft!true>This is the draft matching for ${roundTitle}<#if (scope!"")?has_content> (as ${scope})</#if>.
<#if (matchDateReached!false)>The match date (${matchDate}) has come: nothing is published until a programme coordinator approves this draft.
<#else>It is published on ${matchDate} once a programme coordinator approves it.
</#if>
<#if (approved!false)>This draft is approved: it is the one that will be published.
<#elseif (autoPublishOn!"")?has_content>If no draft is approved by ${autoPublishOn}, the matching of that night is published without approval.
</#if>
<#if (coordinatorUrl!"")?has_content>
Review it<#if canApprove!false>, approve it</#if>, hold a pair or act on someone on your page:
${coordinatorUrl}
</#if>
<#else>Partnerships for ${roundTitle} are published and introductions queued.
</#if>

<#list summaryLines![] as line>
${line}
</#list>
<#if sheet??>

Proposed partnerships and people not matched (also attached as ${sheet.filename}):
<#list sheet.rows as row>
- ${row[0]}<#if row[1]?has_content> ${row[1]}</#if>: ${row[2]} | ${row[3]} | ${row[4]}<#if row[0] != "not matched"> | score ${row[5]}<#if row[6] == "yes"> | PINNED</#if></#if>
  ${row[7]}
</#list>
<#if (rowsLeftOut!0) gt 0>
... and ${rowsLeftOut} more rows on your page.
</#if>
</#if>
<#if (actions![])?has_content>

What coordinators did:
<#list actions as a>
- ${a}
</#list>
</#if>
<#if (unmatched![])?has_content>

Not matched:
<#list unmatched as u>
- ${u.participantId} (${u.country!""}): ${u.reason}
</#list>
</#if>
</@layout.page>
