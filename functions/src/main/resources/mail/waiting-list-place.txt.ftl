<#import "layout.txt.ftl" as layout>
<#assign subject = "Your place in ${roundTitle} of the International Librarians Network">
<@layout.page>
Hello ${givenName},

${roundTitle} has opened, and you are in it: you were on the waiting list from
${earlierRoundTitle}, so you do not need to apply again. Your application is the one you sent
then, and the time you have waited counts when partners are matched<#if matchDate?has_content>
on ${matchDate}</#if>.

If you no longer want to take part, stop programme email with the link below: nobody is
matched with an address that does not want our mail.
</@layout.page>
