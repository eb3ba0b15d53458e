<#import "layout.txt.ftl" as layout>
<#assign subject = "We have paused your International Librarians Network partnership">
<@layout.page>
Hello ${givenName},

We have not heard from you for a while in ${roundTitle}, so we have ended your
partnership to let your partner meet someone new. We hope all is well.

<#if rematching!true>If you would still like a partner this round, tell us with one click:

I'm still here: ${(pageUrl!"")}&ask=still-here
<#else>You are welcome to keep following the discussion points, and we hope to see you
in the next round.
</#if>
</@layout.page>
