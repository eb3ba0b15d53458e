<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.withdrawn.subject", roundTitle)>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg("mail.withdrawn.done", isolate(roundTitle))}

${msg("mail.withdrawn.kept")}
${msg("mail.withdrawn.privacy")}: ${siteUrl}${root}privacy.html
</@layout.page>
