<#import "layout.txt.ftl" as layout>
<#assign subject = "Your link to your International Librarians Network page">
<@layout.page>
Hello,

Someone asked for a fresh link to the personal page of this email address. Your page shows
where your application stands, and lets you update it or withdraw:

<#list pages as p>
${p.roundTitle}: ${p.pageUrl}
</#list>

If you did not ask for this, ignore this message and nothing will change.
</@layout.page>
