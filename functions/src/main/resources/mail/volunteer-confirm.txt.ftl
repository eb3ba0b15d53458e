<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.volunteerConfirm.subject")>
<@layout.page>
${msg("mail.hello")}

${msg("mail.volunteerConfirm.intro")}

${confirmUrl}

${msg("mail.volunteerConfirm.ignore")}
</@layout.page>
