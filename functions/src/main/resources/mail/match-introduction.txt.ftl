<#import "layout.txt.ftl" as layout>
<#import "partners.txt.ftl" as parts>
<#assign subject = msg("mail.introduction.subject")>
<@layout.page>
${msg("mail.helloName", isolate(givenName))}

${msg("mail.introduction.welcome", roundTitle, (partners?size gt 1)?then("group", "pair"))}

<@parts.list partners=partners reasons=reasons![]/>
<#if (roundEnds!"")?has_content>
${msg("mail.introduction.ends", date(roundEnds))} </#if>${msg("mail.introduction.points")}
</@layout.page>
