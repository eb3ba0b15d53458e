<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.silent.subject")>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg("mail.silent.ended", isolate(roundTitle))}

${msg((rematching!true)?then("mail.rematching", "mail.tooLate"))}
</@layout.page>
