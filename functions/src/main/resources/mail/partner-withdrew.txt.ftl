<#import "layout.txt.ftl" as layout>
<#assign subject = "Your partner has left the round">
<@layout.page>
Hello ${givenName},

<#if (partnerGivenName!"")?has_content>${partnerGivenName} has<#else>Your partner has</#if> had to leave ${roundTitle}. We are sorry: it happens,
and it is not about you.

<#if rematching!true>We are looking for a new partner for you and will write as soon as we have one.
<#else>It is too late in the round to find you a new partner, but you are welcome to keep
following the discussion points, and we hope to see you in the next round.
</#if>
</@layout.page>
