<#import "layout.txt.ftl" as layout>
<#assign subject = "Your International Librarians Network partnership has ended">
<@layout.page>
Hello ${givenName},

We did not hear back from your partner in ${roundTitle}, so we have ended the
partnership. It happens, and it is nobody's fault.

<#if rematching!true>We are looking for a new partner for you and will write as soon as we have one.
<#else>It is too late in the round to find you a new partner, but you are welcome to keep
following the discussion points, and we hope to see you in the next round.
</#if>
</@layout.page>
