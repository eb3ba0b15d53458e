<#macro page>
<#nested>

-- 
${msg("mail.programme")}
${siteUrl}
<#if (pageUrl!"")?has_content>
${msg("mail.footer.page", pageUrl)}
</#if>
<#if unsubscribeUrl?has_content>
${msg("mail.footer.unsubscribe.text", unsubscribeUrl)}
</#if>
</#macro>
