<#import "layout.txt.ftl" as layout>
<#assign subject = "Your place in the next round of the International Librarians Network">
<@layout.page>
Hello ${givenName},

So many people from your country applied to ${roundTitle} that, to keep the programme
international, we could not include everyone. The earliest applications from each country
stay in this round; yours is on the waiting list for <#if nextRoundTitle?has_content>${nextRoundTitle}, which opens on ${nextRoundOpens}<#else>the next round</#if>.

We will write to you when it opens.
</@layout.page>
