<#import "layout.txt.ftl" as layout>
<#assign subject = "You have withdrawn from ${roundTitle}">
<@layout.page>
Hello ${givenName},

As you asked, you have left ${roundTitle}. We will send you no more programme email for this
round. If you had a partner, we have let them know kindly, without blame.

We keep your application only as the privacy notice says (${siteUrl}/privacy.html); you can ask
us to erase it sooner from that page. You are welcome to apply to a later round.
</@layout.page>
