<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.checkIn.subject")>
<#-- partnerGivenNames (a list) since mail went multilingual; partnerNames (one English string) in mail queued before -->
<#assign names = partnerGivenNames![]>
<#assign partners = (names?size == 2)?then(msg("mail.names.two", isolate(names[0]), isolate(names[1])), isolate((names?size == 1)?then(names[0], partnerNames!"")))>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg("mail.checkIn.intro", partners, isolate(roundTitle))}

${msg("mail.checkIn.yes")}: ${(pageUrl!"")}&ask=check-in&answer=yes
${msg("mail.checkIn.arranging")}: ${(pageUrl!"")}&ask=check-in&answer=arranging
${msg("mail.checkIn.noReply")}: ${(pageUrl!"")}&ask=check-in&answer=no-reply

${msg("mail.checkIn.why")}
</@layout.page>
