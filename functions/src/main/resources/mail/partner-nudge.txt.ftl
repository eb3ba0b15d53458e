<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.nudge.subject")>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg("mail.nudge.intro", isolate(reporterGivenName), isolate(roundTitle))}

${msg("mail.nudge.ask", isolate(reporterGivenName))}

${msg("mail.stillHere")}: ${(pageUrl!"")}&ask=still-here

${msg("mail.nudge.deadline", date(answerBy), isolate(reporterGivenName))}
</@layout.page>
