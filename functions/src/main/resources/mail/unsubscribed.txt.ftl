<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.unsubscribed.subject")>
<@layout.page>
${msg("mail.hello")}

${msg("mail.unsubscribed.done")}

${msg("mail.unsubscribed.erase")}
${siteUrl}${root}erase.html
</@layout.page>
