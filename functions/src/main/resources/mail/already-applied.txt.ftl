<#import "layout.txt.ftl" as layout>
<#assign subject = "You have already applied to the International Librarians Network">
<@layout.page>
Hello,

We received another application from this address for ${roundTitle}. You have already
applied, so we kept your first application and did not store a second one.
<#if confirmUrl?has_content>

Your address is not confirmed yet. Please confirm it within 48 hours:

${confirmUrl}
<#else>

Your application is confirmed; there is nothing more to do until matching.
</#if>

If this was not you, you can ignore this message.
</@layout.page>
