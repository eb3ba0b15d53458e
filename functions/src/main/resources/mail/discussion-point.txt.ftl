<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.point.subject", pointTitle)>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg("mail.point.intro", isolate(roundTitle))} ${isolate(pointTitle)}

<#if pointUntranslated!false>${msg("mail.point.untranslated")}

</#if><#if (pointSummary!"")?has_content>${isolate(pointSummary)}

</#if>${msg("mail.point.read")}:
${archiveUrl}

${msg("mail.point.talk")}
</@layout.page>
