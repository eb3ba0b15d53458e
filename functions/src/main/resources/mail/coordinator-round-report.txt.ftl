<#import "layout.txt.ftl" as layout>
<#assign subject = msg((finalFigures!false)?then("mail.roundReport.subject.final", "mail.roundReport.subject"), roundTitle)>
<#function shown v><#return v?is_number?then(v?c, msg("mail.roundReport.fewer", threshold))></#function>
<@layout.page>
${msg("mail.hello")}

${msg("mail.roundReport.intro", roundTitle, date(roundEnds))}
<#if scopeCountry?has_content>${msg("mail.roundReport.scope.country", countryName(scopeCountry))}
</#if>

${msg("mail.roundReport.byCountry")} (${msg("mail.roundReport.exact")})
<#list countries as c>
- ${countryName(c.country)}: ${msg("mail.roundReport.applied")} ${c.applied?c}, ${msg("mail.roundReport.matched")} ${c.matched?c}, ${msg("mail.roundReport.rematched")} ${c.rematched?c}, ${msg("mail.roundReport.withdrawn")} ${c.withdrawn?c}
<#else>
${msg("mail.roundReport.nobody")}
</#list>

${msg("mail.roundReport.checkIns")}
<#list care.checkIns as c>
- ${msg("mail.roundReport.checkIn." + c.key)}: ${shown(c.count)}
</#list>

${msg("mail.roundReport.survey")}
${msg((finalFigures!false)?then("mail.roundReport.survey.closed", "mail.roundReport.survey.open"), date(surveyCloses))}
- ${msg("mail.roundReport.answers")}: ${shown(care.answers)}
<#list care.met as c>
- ${msg("mail.roundReport.met." + c.key)}: ${shown(c.count)}
</#list>
<#list care.usefulness as c>
- ${msg("mail.roundReport.usefulness", c.key)}: ${shown(c.count)}
</#list>
<#if care.median?has_content>
- ${msg("mail.roundReport.median")}: ${care.median}
</#if>
<#list care.recommend as c>
- ${msg("mail.roundReport.recommend." + c.key)}: ${shown(c.count)}
</#list>
<#if care.recommendShare?has_content>
- ${msg("mail.roundReport.recommendShare", care.recommendShare)}
</#if>
- ${msg("mail.roundReport.mayQuote")}: ${shown(care.mayQuote)}

${msg("mail.roundReport.suppressed", threshold)}
${msg("mail.roundReport.attached", sheet.filename)}
${msg("mail.roundReport.summary", summaryUrl)}
<#if (coordinatorUrl!"")?has_content>
${msg("mail.roundReport.page", coordinatorUrl)}
</#if>
</@layout.page>
