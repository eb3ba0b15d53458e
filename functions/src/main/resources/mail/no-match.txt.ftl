<#import "layout.txt.ftl" as layout>
<#assign subject = "We could not find you a partner this round">
<@layout.page>
Hello ${givenName},

We are sorry: we could not find a suitable partner for you in ${roundTitle}<#if (reason!"")?has_content> (${reason})</#if>.

What you can do:
- reply to this message if you can widen your choices (languages, regions, sector), and we
  will try again in the first weeks of the round;
- follow the discussion points on the site and join in on your own;
- apply to <#if (nextRoundTitle!"")?has_content>${nextRoundTitle}<#if (nextRoundOpens!"")?has_content>, opening on ${nextRoundOpens}</#if><#else>the next round</#if>: people who waited are
  matched first.
</@layout.page>
