<#macro page>
<#nested>

-- 
International Librarians Network
${siteUrl}
<#if unsubscribeUrl?has_content>
Stop programme email: ${unsubscribeUrl}
</#if>
</#macro>
