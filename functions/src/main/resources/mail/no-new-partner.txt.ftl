<#import "layout.txt.ftl" as layout>
<#assign subject = "No new International Librarians Network partner this round">
<@layout.page>
Hello ${givenName},

<#if overLimit>You have already had new partners in ${roundTitle}, and we keep the
remaining places for people who have not had one yet, so we will not match you again this
round.<#else>We looked for a new partner for you in ${roundTitle}, but nobody suitable was
free before it became too late in the round.</#if> We are sorry: it is not about you.

You are welcome to keep following the discussion points<#if nextRoundTitle?has_content>, and
to apply for ${nextRoundTitle}, which opens on ${nextRoundOpens}</#if>.
</@layout.page>
