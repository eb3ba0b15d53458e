<#macro page>
<#nested>

-- 
International Librarians Network
${siteUrl}
<#if (pageUrl!"")?has_content>
Your page (update your application or withdraw): ${pageUrl}
</#if>
<#if unsubscribeUrl?has_content>
Stop programme email: ${unsubscribeUrl}
</#if>
</#macro>
