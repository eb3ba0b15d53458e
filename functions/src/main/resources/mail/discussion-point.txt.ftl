<#import "layout.txt.ftl" as layout>
<#assign subject = "Discussion point: " + pointTitle>
<@layout.page>
Hello ${givenName},

A new discussion point for ${roundTitle}: ${pointTitle}

<#if (pointSummary!"")?has_content>${pointSummary}

</#if>Read it in full, and all earlier points, at:
${archiveUrl}

Talk it over with your partner in whatever way suits you both.
</@layout.page>
