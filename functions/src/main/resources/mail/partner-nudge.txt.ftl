<#import "layout.txt.ftl" as layout>
<#assign subject = "Are you still there? Your International Librarians Network partner would like to hear from you">
<@layout.page>
Hello ${givenName},

${reporterGivenName} has not heard from you yet in ${roundTitle} and asked us to check
that all is well. Messages go astray and life gets busy: that is fine.

If you are still taking part, tell us with one click, then write to ${reporterGivenName}:

I'm still here: ${(pageUrl!"")}&ask=still-here

If we do not hear from you by ${answerBy}, we will end the partnership so that
${reporterGivenName} can have a new partner. You can still come back after that.
</@layout.page>
