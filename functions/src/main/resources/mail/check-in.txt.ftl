<#import "layout.txt.ftl" as layout>
<#assign subject = "Have you met your International Librarians Network partner yet?">
<@layout.page>
Hello ${givenName},

You have been partners with ${partnerNames} in ${roundTitle} for about two weeks.
Have you met yet? One click tells us:

Yes, we have met: ${(pageUrl!"")}&ask=check-in&answer=yes
Not yet, we're arranging it: ${(pageUrl!"")}&ask=check-in&answer=arranging
My partner hasn't replied: ${(pageUrl!"")}&ask=check-in&answer=no-reply

Your answer helps the coordinators see how the round is going. If your partner
has not replied, we send them a kind reminder, and find you someone new if they
stay silent.
</@layout.page>
