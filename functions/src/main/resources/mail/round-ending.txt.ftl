<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.roundEnd.subject")>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

<#if (roundEnds!"")?has_content>${msg("mail.roundEnd.thanks", isolate(roundTitle), date(roundEnds))}<#else>${msg("mail.roundEnd.thanksUndated", isolate(roundTitle))}</#if>

${msg("mail.roundEnd.survey", date(surveyCloses))}
${msg("mail.roundEnd.surveyLink")}: ${surveyUrl}

${msg("mail.roundEnd.join")}<#if (nextRoundTitle!"")?has_content && (nextRoundOpens!"")?has_content> ${msg("mail.roundEnd.opens", isolate(nextRoundTitle), date(nextRoundOpens))}</#if>
<#if (nextRoundTitle!"")?has_content>${msg("mail.roundEnd.joinLink", isolate(nextRoundTitle))}<#else>${msg("mail.roundEnd.joinNext")}</#if>: ${joinUrl}

${msg("mail.roundEnd.keepInTouch")}
</@layout.page>
