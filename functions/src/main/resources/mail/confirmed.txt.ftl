<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.confirmed.subject")>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg("mail.confirmed.body", roundTitle, date(matchDate))}
</@layout.page>
