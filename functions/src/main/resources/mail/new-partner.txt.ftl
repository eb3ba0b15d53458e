<#import "layout.txt.ftl" as layout>
<#import "partners.txt.ftl" as parts>
<#assign subject = msg("mail.newPartner.subject")>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg("mail.newPartner.intro", roundTitle)}

<@parts.list partners=partners reasons=reasons![]/>
${msg("mail.newPartner.points")}
</@layout.page>
