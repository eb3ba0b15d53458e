<#import "layout.txt.ftl" as layout>
<#assign subject = msg("mail.erased.subject")>
<@layout.page>
${msg("mail.hello")}

${msg("mail.erased.done")}

${msg("mail.erased.fingerprint")}
</@layout.page>
