<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.confirm.subject")>
<@layout.page>
${msg("mail.hello")}

${msg("mail.confirm.intro", roundTitle)}

${confirmUrl}

${msg("mail.confirm.ignore")}
</@layout.page>
