<#import "layout.txt.ftl" as layout>
<#-- scopeCountry: the draft's country ("" for the programme team); scope (English) is what mail queued before carries -->
<#assign subject = msg("mail.report.subject", (draft!true)?then("draft", "published"), roundTitle)>
<@layout.page>
${msg("mail.hello")}

<#if draft!true><#if scopeCountry??>${msg("mail.report.draftScoped", isolate(roundTitle), (scopeCountry?has_content)?then(msg("mail.report.scope.country", countryName(scopeCountry)), msg("mail.report.scope.programme")))}<#elseif (scope!"")?has_content>${msg("mail.report.draftScoped", isolate(roundTitle), scope)}<#else>${msg("mail.report.draft", isolate(roundTitle))}</#if>
<#if (matchDateReached!false)>${msg("mail.report.dateReached", date(matchDate))}
<#else>${msg("mail.report.publishedOn", date(matchDate))}
</#if>
<#if (approved!false)>${msg("mail.report.approved")}
<#elseif (autoPublishOn!"")?has_content>${msg("mail.report.autoPublish", date(autoPublishOn))}
</#if>
<#if (coordinatorUrl!"")?has_content>
${msg((canApprove!false)?then("mail.report.reviewApprove", "mail.report.review"))}:
${coordinatorUrl}
</#if>
<#else>${msg("mail.report.published", isolate(roundTitle))}
</#if>

<#if summary??>
<#if (summary.problem!"")?has_content>
${msg(summary.publishing?then("mail.report.problem.publishing", "mail.report.problem.matching"), summary.problem)}
<#else>
<#if summary.unapproved!false>${msg("mail.report.unapproved")}
</#if>
<#if summary.participants??>
${msg("mail.report.summary.pool", summary.participants)}
${msg("mail.report.summary.matched", summary.matched, summary.pairs, summary.groupsOfThree)}
${msg("mail.report.summary.unmatched", summary.unmatched)}
${msg("mail.report.summary.byCountry")}
<#list summary.byCountry as c>
  ${c.country} ${countryName(c.country)}: ${c.matched} / ${c.unmatched}
</#list>
</#if>
</#if>
</#if>
<#-- mail queued before the summary was data carries English lines -->
<#list summaryLines![] as line>
${line}
</#list>
<#if sheet??>

${msg("mail.report.sheet", sheet.filename)}
<#list sheet.rows as row>
- ${row[0]}<#if row[1]?has_content> ${row[1]}</#if>: ${row[2]} | ${row[3]} | ${row[4]}<#if row[0] != "not matched"> | ${msg("mail.report.score", row[5])}<#if row[6] == "yes"> | ${msg("mail.report.pinned")}</#if></#if>
  ${row[7]}
</#list>
<#if (rowsLeftOut!0) gt 0>
${msg("mail.report.more", rowsLeftOut)}
</#if>
</#if>
<#if (actions![])?has_content>

${msg("mail.report.actions")}
<#list actions as a>
- ${a}
</#list>
</#if>
<#if (unmatched![])?has_content>

${msg("mail.report.unmatched")}
<#list unmatched as u>
- ${u.participantId} (${u.country!""}): ${u.reason}
</#list>
</#if>
</@layout.page>
