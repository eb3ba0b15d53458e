<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.eraseLink.subject")>
<@layout.page>
${msg("mail.hello")}

${msg("mail.eraseLink.intro")}

${eraseUrl}

${msg("mail.ignoreRequest")}
</@layout.page>
